package simulator

import (
	"net/url"
	"path"
	"slices"
)

// rewriteImages is the ImageURLRewrite fault: the image URLs of p that
// differ from those of old (the product before the write) are stored as
// a CDN copy's, as the live API may do after fetching an image.
func rewriteImages(mode string, p, old *product) {
	if mode != ImageRewriteCDN {
		return
	}
	if p.ImageURL != old.ImageURL {
		p.ImageURL = cdnURL(p.ImageURL)
	}
	if !slices.Equal(p.ExtraImages, old.ExtraImages) {
		extra := make([]string, len(p.ExtraImages))
		for i, u := range p.ExtraImages {
			extra[i] = cdnURL(u)
		}
		p.ExtraImages = extra
	}
}

// cdnURL is where the CDN keeps a copy of the image at u: CDNImagePrefix
// and u's last path segment (query and fragment dropped).
func cdnURL(u string) string {
	if u == "" {
		return u
	}
	rest := u
	if parsed, err := url.Parse(u); err == nil {
		rest = parsed.Path
	}
	base := path.Base(rest)
	if base == "." || base == "/" {
		return u
	}
	return CDNImagePrefix + base
}
