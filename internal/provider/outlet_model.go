package provider

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// outletModel is an outlet as GET /Outlet lists it. This file holds the one
// mapping between outlets and Terraform values.
type outletModel struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	Code      types.String `tfsdk:"code"`
	Suspended types.Bool   `tfsdk:"suspended"`
}

func newOutletModel(o dealpos.Outlet) outletModel {
	return outletModel{
		ID:        types.StringValue(o.ID),
		Name:      types.StringValue(o.Name),
		Code:      optional(o.Code),
		Suspended: types.BoolValue(o.Suspended),
	}
}

// outletFilter is the filter of the dealpos_outlets data source.
type outletFilter struct {
	Name      types.String `tfsdk:"name"`
	Suspended types.Bool   `tfsdk:"suspended"`
}

// match tells whether an outlet passes the filter: the name compared
// without regard to case, the suspended flag when set.
func (f outletFilter) match(o dealpos.Outlet) bool {
	if known(f.Name) && !strings.EqualFold(strings.TrimSpace(f.Name.ValueString()), o.Name) {
		return false
	}
	if known(f.Suspended) && f.Suspended.ValueBool() != o.Suspended {
		return false
	}
	return true
}

// outletDescriptions describe the outlet attributes. One field per
// attribute, so a misspelt name does not compile.
var outletDescriptions = struct {
	ID, Name, Code, Suspended string
}{
	ID:        "Outlet ID (a GUID) assigned by DealPOS.",
	Name:      "Outlet name. Outlet prices and customers refer to outlets by this name.",
	Code:      "Outlet code.",
	Suspended: "Whether the outlet is suspended.",
}
