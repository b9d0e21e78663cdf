package provider

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// This file holds what dealpos_product keeps in private state about its
// images: DealPOS may store an image as a CDN copy and answer that URL, so
// the URL Terraform wrote is kept while DealPOS answers what it answered
// right after the write.

// imageRecord is the private-state record of the last image URLs written and
// the URLs the API answered for them right after.
type imageRecord struct {
	Written  string `json:"written"`
	Answered string `json:"answered"`
	// Extra: the extra image URLs, when Terraform wrote them (Written is
	// false when they were left to DealPOS).
	Extra extraImageRecord `json:"extra"`
	// Pending: written by a create without a read-back
	// (skip_create_read_back), so the URL the API keeps for it is not known
	// yet; the first refresh takes the URL it answers as that.
	Pending bool `json:"pending,omitempty"`
}

type extraImageRecord struct {
	Written  bool     `json:"written,omitempty"`
	Sent     []string `json:"sent,omitempty"`
	Answered []string `json:"answered,omitempty"`
}

// newImageRecord records what a write sent (the planned URLs) and what the
// API answered for it (nil p: not known yet, the record is pending).
func newImageRecord(ctx context.Context, plan *productResourceModel, p *dealpos.Product) imageRecord {
	rec := imageRecord{Written: plan.ImageURL.ValueString(), Pending: p == nil}
	if known(plan.ExtraImageURLs) {
		rec.Extra.Written = true
		_ = plan.ExtraImageURLs.ElementsAs(ctx, &rec.Extra.Sent, false)
	}
	if p != nil {
		rec.Answered, rec.Extra.Answered = p.ImageURL, p.ExtraImagesURL
	}
	return rec
}

type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateWriter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

func getImageRecord(ctx context.Context, p privateState, diags *diag.Diagnostics) *imageRecord {
	raw, d := p.GetKey(ctx, privateImageURL)
	diags.Append(d...)
	if len(raw) == 0 {
		return nil
	}
	var rec imageRecord
	if err := json.Unmarshal(raw, &rec); err != nil {
		return nil
	}
	return &rec
}

func setImageRecord(ctx context.Context, p privateWriter, rec imageRecord, diags *diag.Diagnostics) {
	raw, err := json.Marshal(rec)
	if err != nil {
		diags.AddError("Could not record the product's image URL", err.Error())
		return
	}
	diags.Append(p.SetKey(ctx, privateImageURL, raw)...)
}

// resolveImageURL is the image URL to keep in state when the API answers
// answered and Terraform knows current: current when the API still answers
// the URL it answered right after Terraform wrote current (a rewrite, such as
// a CDN copy), otherwise the API's answer (a change made elsewhere, seen as
// drift).
func resolveImageURL(current types.String, answered string, rec *imageRecord) types.String {
	if rec != nil && known(current) && current.ValueString() == rec.Written && answered == rec.Answered {
		return current
	}
	return optional(answered)
}

// resolveExtraImageURLs applies the same rule to the extra image URLs: the
// list Terraform wrote is kept while the API answers what it answered right
// after that write; fromAPI (the API's answer as a list) otherwise.
func resolveExtraImageURLs(ctx context.Context, current, fromAPI types.List, answered []string, rec *imageRecord) types.List {
	if rec == nil || !rec.Extra.Written || !known(current) {
		return fromAPI
	}
	var cur []string
	if current.ElementsAs(ctx, &cur, false).HasError() || !slices.Equal(cur, rec.Extra.Sent) || !slices.Equal(answered, rec.Extra.Answered) {
		return fromAPI
	}
	return current
}
