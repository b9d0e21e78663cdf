package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// dateValidator accepts a calendar date written YYYY-MM-DD, the only form
// the API's write endpoints take.
type dateValidator struct{}

var _ validator.String = dateValidator{}

func (dateValidator) Description(context.Context) string {
	return "value must be a date written YYYY-MM-DD"
}

func (v dateValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (dateValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if _, err := time.Parse(dealpos.DateLayout, s); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid date",
			fmt.Sprintf("%s must be a date written YYYY-MM-DD, such as 1994-03-18; got %q.", req.Path, s))
	}
}

// durationValidator accepts a positive Go duration such as "30s".
type durationValidator struct{}

var _ validator.String = durationValidator{}

func (durationValidator) Description(context.Context) string {
	return "value must be a positive duration such as 30s or 2m"
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if d, err := time.ParseDuration(req.ConfigValue.ValueString()); err != nil || d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			fmt.Sprintf("%s must be a positive duration such as 30s or 2m; got %q.", req.Path, req.ConfigValue.ValueString()))
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
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if strings.TrimSpace(req.ConfigValue.ValueString()) == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Empty value",
			fmt.Sprintf("%s must not be empty or blank. To leave an optional attribute unset, omit it.", req.Path))
	}
}

// emailPattern is deliberately loose: one @, no spaces, a dot in the domain.
var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
