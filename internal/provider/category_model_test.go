package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

func TestCategoryPathValidator(t *testing.T) {
	t.Parallel()
	for name, ok := range map[string]bool{
		"Food": true, "Food/Snack/Pastries": true, "Top/Men's Wear": true,
		"": false, " ": false, "/Food": false, "Food/": false, "Food//Snack": false, "Food/ /Snack": false,
		" Food": false, "Food /Snack": false,
	} {
		resp := &validator.StringResponse{}
		categoryPathValidator{}.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("name"), ConfigValue: types.StringValue(name)}, resp)
		if resp.Diagnostics.HasError() == ok {
			t.Errorf("%q: accepted = %v, want %v (%v)", name, !resp.Diagnostics.HasError(), ok, resp.Diagnostics)
		}
	}
}

// TestCategorySetFromAPI: the known spelling of a name survives an answer in
// another case, and an unanswered code keeps the known one.
func TestCategorySetFromAPI(t *testing.T) {
	t.Parallel()
	m := categoryModel{Name: types.StringValue("Food/Snack"), Code: types.StringValue("SN")}
	m.setFromAPI(&dealpos.Category{ID: "1", Name: "food/snack", Discontinued: true})
	if m.Name.ValueString() != "Food/Snack" || m.Code.ValueString() != "SN" || !m.Discontinued.ValueBool() || m.ID.ValueString() != "1" {
		t.Errorf("got %+v", m)
	}
	m.setFromAPI(&dealpos.Category{ID: "1", Name: "Food/Chips", Code: "CH"})
	if m.Name.ValueString() != "Food/Chips" || m.Code.ValueString() != "CH" || m.Discontinued.ValueBool() {
		t.Errorf("got %+v", m)
	}
	fresh := categoryModel{Name: types.StringNull(), Code: types.StringUnknown()}
	fresh.setFromAPI(&dealpos.Category{ID: "2", Name: "Drinks"})
	if !fresh.Code.IsNull() || fresh.Name.ValueString() != "Drinks" {
		t.Errorf("got %+v", fresh)
	}
}

// The discontinued filter of the dealpos_categories data source and the
// dealpos_category list resource: unset keeps every category, a limit counts
// only the categories kept.
func TestFilterDiscontinued(t *testing.T) {
	all := []dealpos.Category{{Name: "A"}, {Name: "B", Discontinued: true}, {Name: "C"}, {Name: "D", Discontinued: true}}
	names := func(cs []dealpos.Category) (out string) {
		for _, c := range cs {
			out += c.Name
		}
		return out
	}
	for _, tc := range []struct {
		filter types.Bool
		limit  int
		want   string
	}{
		{types.BoolNull(), 0, "ABCD"},
		{types.BoolValue(true), 0, "BD"},
		{types.BoolValue(false), 0, "AC"},
		{types.BoolValue(true), 1, "B"},
		{types.BoolNull(), 3, "ABC"},
	} {
		if got := names(filterDiscontinued(all, tc.filter, tc.limit)); got != tc.want {
			t.Errorf("filterDiscontinued(%s, limit %d) = %s, want %s", tc.filter, tc.limit, got, tc.want)
		}
	}
}
