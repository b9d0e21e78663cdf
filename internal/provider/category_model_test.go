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
