package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// This file holds the provider's own attribute validators; the schemas use
// the framework's (stringvalidator, int64validator) for the rest.

// dateValidator accepts a calendar date written YYYY-MM-DD, the only form
// the API's write endpoints take.
type dateValidator struct{}

var _ validator.String = dateValidator{}

func (dateValidator) Description(context.Context) string {
	return "value must be a date written YYYY-MM-DD"
}

func (v dateValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (dateValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	s := req.ConfigValue.ValueString()
	if _, err := time.Parse(dealpos.DateLayout, s); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid date",
			fmt.Sprintf("%s must be a date written YYYY-MM-DD, such as 1994-03-18; got %q.", req.Path, s))
	}
}

// durationValidator accepts a positive Go duration such as "30s", with the
// same rule as the provider's configuration applies (durationSetting).
type durationValidator struct{}

var _ validator.String = durationValidator{}

func (durationValidator) Description(context.Context) string {
	return "value must be a positive duration such as 30s or 2m"
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if known(req.ConfigValue) {
		durationSetting(origin{attr: req.Path}, req.ConfigValue.ValueString(), &resp.Diagnostics)
	}
}

// intRangeValidator accepts a whole number within its range, with the same
// rule as the provider's configuration applies to the value or to its
// environment variable (intSetting).
type intRangeValidator struct{ r intRange }

var _ validator.Int64 = intRangeValidator{}

func (v intRangeValidator) Description(context.Context) string {
	return "value must be " + v.r.String()
}

func (v intRangeValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v intRangeValidator) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if known(req.ConfigValue) {
		intSetting(origin{attr: req.Path}, fmt.Sprint(req.ConfigValue.ValueInt64()), v.r, &resp.Diagnostics)
	}
}

// notBlankValidator refuses empty and whitespace-only strings. For optional
// attributes the API has no way to tell "" from unset, so omitting the
// attribute is the way to leave it empty.
type notBlankValidator struct{}

var _ validator.String = notBlankValidator{}

func (notBlankValidator) Description(context.Context) string {
	return "value must not be empty; omit the attribute to leave it unset"
}

func (v notBlankValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (notBlankValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	if strings.TrimSpace(req.ConfigValue.ValueString()) == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Empty value",
			fmt.Sprintf("%s must not be empty or blank. To leave an optional attribute unset, omit it.", req.Path))
	}
}

// pinPattern is the reference's rule: "Max-length 6 digits and only number".
var pinPattern = regexp.MustCompile(`^[0-9]{1,6}$`)

// pinValidator checks the PIN rule without echoing the value: a mistyped
// PIN is still a secret.
type pinValidator struct{}

var _ validator.String = pinValidator{}

func (pinValidator) Description(context.Context) string {
	return "value must be 1 to 6 digits, digits only"
}

func (v pinValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (pinValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) || pinPattern.MatchString(req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid PIN",
		fmt.Sprintf("%s must be 1 to 6 digits, digits only (the value is not shown: it is a secret).", req.Path))
}

// emailPattern is deliberately loose: one @, no spaces, a dot in the domain.
var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// emailAddress is the check of every email a configuration gives.
var emailAddress = stringvalidator.RegexMatches(emailPattern, "must be an email address such as name@example.com")

// categoryPathValidator accepts a category's full path: segments separated
// by "/", none empty or blank, none with spaces around it (which DealPOS
// would not keep), no "/" at either end.
type categoryPathValidator struct{}

var _ validator.String = categoryPathValidator{}

func (categoryPathValidator) Description(context.Context) string {
	return "value must be a category path such as Food/Snack: no empty level, no / at either end, no spaces around a level"
}

func (v categoryPathValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (categoryPathValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	s := req.ConfigValue.ValueString()
	if strings.TrimSpace(s) == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Empty category name",
			fmt.Sprintf("%s must not be empty or blank; give the category's full path, such as Food/Snack.", req.Path))
		return
	}
	if strings.HasPrefix(s, "/") || strings.HasSuffix(s, "/") {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid category path",
			fmt.Sprintf("%s must not start or end with /; got %q. Write the full path without slashes at the ends, such as Food/Snack.", req.Path, s))
		return
	}
	segments := strings.Split(s, "/")
	for i, seg := range segments {
		switch {
		case strings.TrimSpace(seg) == "":
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid category path",
				fmt.Sprintf("%s has an empty level (level %d) in %q; each level between slashes needs a name, as in Food/Snack.", req.Path, i+1, s))
			return
		case strings.TrimSpace(seg) != seg:
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid category path",
				fmt.Sprintf("%s has spaces around the level %q in %q; DealPOS would not keep them. Write %q.", req.Path, seg, s, trimSegments(segments)))
			return
		}
	}
}

// trimSegments joins the path levels with the spaces around them removed.
func trimSegments(segments []string) string {
	out := make([]string, len(segments))
	for i, seg := range segments {
		out[i] = strings.TrimSpace(seg)
	}
	return strings.Join(out, "/")
}
