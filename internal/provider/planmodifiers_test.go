package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestCreateOnlySaysWhatAReplacementLoses: the refusal of a create-only
// change speaks of history for a customer and of nothing of the kind for a
// category.
func TestCreateOnlySaysWhatAReplacementLoses(t *testing.T) {
	exists := tftypes.NewValue(tftypes.String, "exists")
	cases := []struct {
		modifier planmodifier.String
		want     string
		not      string
	}{
		{createOnly("customer", "its history"), "Replacing the customer would delete it in DealPOS and create a new one, losing its history; ", ""},
		{createOnly("category", ""), "Replacing the category would delete it in DealPOS and create a new one; ", "customer"},
	}
	for _, tc := range cases {
		req := planmodifier.StringRequest{
			Path:        path.Root("code"),
			State:       tfsdk.State{Raw: exists},
			Plan:        tfsdk.Plan{Raw: exists},
			StateValue:  types.StringValue("A"),
			ConfigValue: types.StringValue("B"),
		}
		var resp planmodifier.StringResponse
		tc.modifier.PlanModifyString(context.Background(), req, &resp)
		detail := diagText(resp.Diagnostics)
		if !strings.Contains(detail, tc.want) || (tc.not != "" && strings.Contains(detail, tc.not)) {
			t.Errorf("got %q, want %q without %q", detail, tc.want, tc.not)
		}
	}
}
