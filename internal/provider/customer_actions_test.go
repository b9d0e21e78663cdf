package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// Actions run from Terraform 1.14; these tests speak the plugin protocol to
// the provider as the plugin process serves it (through ReleaseContexts),
// as Terraform does, so they run with any CLI. action_cli_test.go runs the
// same actions through Terraform 1.14+ when `make testacc-next` has one.

// actionConfig encodes an action's configuration: strings, bools and
// string lists as given, every other attribute null.
func (h *protoHarness) actionConfig(actionType string, set map[string]any) *tfprotov6.DynamicValue {
	h.t.Helper()
	s, ok := h.schemas.ActionSchemas[actionType]
	if !ok {
		h.t.Fatalf("the provider serves no action %s", actionType)
	}
	vals := map[string]tftypes.Value{}
	for name, v := range set {
		switch v := v.(type) {
		case string:
			vals[name] = tftypes.NewValue(tftypes.String, v)
		case bool:
			vals[name] = tftypes.NewValue(tftypes.Bool, v)
		case []string:
			elems := make([]tftypes.Value, len(v))
			for i, e := range v {
				elems[i] = tftypes.NewValue(tftypes.String, e)
			}
			vals[name] = tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, elems)
		default:
			h.t.Fatalf("actionConfig: %T", v)
		}
	}
	return h.object(s.Schema.ValueType(), vals)
}

// actions is the served provider's action requests; a server that does not
// forward them fails the test.
func (h *protoHarness) actions() tfprotov6.ActionServer {
	h.t.Helper()
	actions, ok := h.srv.(tfprotov6.ActionServer)
	if !ok {
		h.t.Fatal("the served provider does not serve actions")
	}
	return actions
}

// validateAction is Terraform's validation of an action block (at plan).
func (h *protoHarness) validateAction(actionType string, set map[string]any) []*tfprotov6.Diagnostic {
	h.t.Helper()
	resp, err := h.actions().ValidateActionConfig(h.ctx, &tfprotov6.ValidateActionConfigRequest{
		ActionType: actionType, Config: h.actionConfig(actionType, set),
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return resp.Diagnostics
}

// invokeAction validates, plans and invokes an action as Terraform does,
// and answers its progress messages and the diagnostics of the first step
// that had errors.
func (h *protoHarness) invokeAction(actionType string, set map[string]any) (progress []string, diags []*tfprotov6.Diagnostic) {
	h.t.Helper()
	if diags := h.validateAction(actionType, set); hasError(diags) {
		return nil, diags
	}
	actions := h.actions()
	cfg := h.actionConfig(actionType, set)
	plan, err := actions.PlanAction(h.ctx, &tfprotov6.PlanActionRequest{ActionType: actionType, Config: cfg})
	if err != nil {
		h.t.Fatal(err)
	}
	if hasError(plan.Diagnostics) {
		return nil, plan.Diagnostics
	}
	stream, err := actions.InvokeAction(h.ctx, &tfprotov6.InvokeActionRequest{ActionType: actionType, Config: cfg})
	if err != nil {
		h.t.Fatal(err)
	}
	for ev := range stream.Events {
		switch ev := ev.Type.(type) {
		case tfprotov6.ProgressInvokeActionEventType:
			progress = append(progress, ev.Message)
		case tfprotov6.CompletedInvokeActionEventType:
			diags = ev.Diagnostics
		}
	}
	return progress, diags
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

// expectError fails unless diags hold an error whose summary and detail
// contain each of want.
func expectError(t *testing.T, diags []*tfprotov6.Diagnostic, want ...string) {
	t.Helper()
	for _, d := range diags {
		text := d.Summary + ": " + d.Detail
		if d.Severity != tfprotov6.DiagnosticSeverityError {
			continue
		}
		found := true
		for _, w := range want {
			found = found && strings.Contains(text, w)
		}
		if found {
			return
		}
	}
	t.Errorf("no error containing %q; diagnostics:\n%s", want, protoDiagText(diags))
}

func protoDiagText(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString("  " + d.Severity.String() + ": " + d.Summary + ": " + d.Detail + "\n")
	}
	return b.String()
}

// mergeSim is a simulator with a customer to keep and three duplicates,
// with loyalty points 10, 1, 2 and 4.
func mergeSim(t *testing.T, opts simulator.Options) (*testSim, map[string]string) {
	t.Helper()
	sim := newTestSim(t, opts)
	ids := map[string]string{}
	for _, c := range []simulator.Customer{
		{Code: "KEEP", Name: "Hendry Wijaya", Email: "hendry@example.com", Mobile: "0811", Group: "Gold", PIN: "1234", LoyaltyPoint: 10},
		{Code: "DUP1", Name: "Hendry W", Email: "hendry.w@example.com", Mobile: "0812", LoyaltyPoint: 1},
		{Code: "DUP2", Name: "H. Wijaya", Email: "h.wijaya@example.com", Mobile: "0813", LoyaltyPoint: 2},
		{Code: "DUP3", Name: "Hendry", Email: "hendry3@example.com", Mobile: "0814", LoyaltyPoint: 4, Status: simulator.StatusSuspended},
	} {
		ids[c.Code] = sim.Seed(c)
	}
	return sim, ids
}

// TestProtocolMergeValidation: the plan refuses a merge without
// duplicates, one into itself, a customer listed twice (however it is
// named) and a reference no import would take, before any request.
func TestProtocolMergeValidation(t *testing.T) {
	sim, ids := mergeSim(t, simulator.Options{})
	h := newProtoHarness(t, sim)
	for _, tc := range []struct {
		name       string
		target     string
		duplicates []string
		want       []string
	}{
		{"none", "KEEP", []string{}, []string{"at least 1"}},
		{"the target by another form", "KEEP", []string{"DUP1", "code:KEEP"}, []string{"Customer merged into itself", `"code:KEEP"`}},
		{"the target's ID in capitals", ids["KEEP"], []string{strings.ToUpper(ids["KEEP"])}, []string{"Customer merged into itself"}},
		{"a repeat", "KEEP", []string{"DUP1", "Code:DUP1"}, []string{"Customer listed twice", `"Code:DUP1" names the same customer as "DUP1"`}},
		{"an email repeated in another case", "KEEP", []string{"email:H.Wijaya@example.com", "h.wijaya@example.com"}, []string{"Customer listed twice"}},
		{"an empty reference", "KEEP", []string{"code:"}, []string{"Invalid customer reference", "no value"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			diags := h.validateAction("dealpos_customer_merge", map[string]any{"target": tc.target, "duplicates": tc.duplicates})
			expectError(t, diags, tc.want...)
		})
	}
	if n := sim.Stats().Total; n != 0 {
		t.Errorf("validation sent %d requests", n)
	}
}

// TestProtocolMergeCustomers: a merge by ID, code and email; the target
// keeps its own record and gains the points; a second invocation says the
// customers are already gone and writes nothing.
func TestProtocolMergeCustomers(t *testing.T) {
	sim, ids := mergeSim(t, simulator.Options{})
	h := newProtoHarness(t, sim)
	cfg := map[string]any{"target": "code:KEEP", "duplicates": []string{ids["DUP1"], "DUP2", "email:HENDRY3@example.com"}}
	sim.ResetStats()
	progress, diags := h.invokeAction("dealpos_customer_merge", cfg)
	h.noDiags("InvokeAction", diags)
	if len(progress) != 1 || !strings.Contains(progress[0], "Merging customer DUP1") || !strings.Contains(progress[0], "into customer KEEP") {
		t.Errorf("progress %q", progress)
	}
	all := sim.All()
	if len(all) != 1 || all[0].Code != "KEEP" || all[0].LoyaltyPoint != 17 || all[0].Group != "Gold" || all[0].PIN != "1234" {
		t.Fatalf("after the merge the simulator holds %+v, want KEEP alone with 17 points, group and PIN its own", all)
	}
	// 4 lookups, the merge, 4 reads after it, and the check that the base
	// URL answers as the API, made once per provider process before the
	// first not-found is believed.
	got := sim.Stats()
	lookupsAndReads := got.Requests["POST /Customer/Code"] + got.Requests["POST /Customer/Email"] + got.Requests["GET /Customer/id/{id}"]
	if got.Total != 10 || got.Requests["PUT /Customer/Merge"] != 1 || lookupsAndReads != 8 {
		t.Errorf("requests %v (total %d), want 10: 8 lookups and reads, one merge, one base URL check", got.Requests, got.Total)
	}

	sim.ResetStats()
	_, diags = h.invokeAction("dealpos_customer_merge", cfg)
	expectError(t, diags, "Nothing to merge: the customers are already gone", `code "DUP2"`, "merged them into customer KEEP")
	if n := sim.Stats().Requests["PUT /Customer/Merge"]; n != 0 {
		t.Errorf("the second invocation sent %d merges", n)
	}
}

// TestProtocolMergeFailures: an unknown customer, the target named twice
// in other forms, a merge DealPOS refuses or leaves undone: nothing is
// written, or the error says what is left.
func TestProtocolMergeFailures(t *testing.T) {
	t.Run("an unknown duplicate: named, nothing merged", func(t *testing.T) {
		sim, _ := mergeSim(t, simulator.Options{})
		h := newProtoHarness(t, sim)
		_, diags := h.invokeAction("dealpos_customer_merge", map[string]any{"target": "KEEP", "duplicates": []string{"DUP1", "DUPX"}})
		expectError(t, diags, "DealPOS customer not found", `code "DUPX"`, "Nothing was merged")
		if sim.Len() != 4 || sim.Stats().Requests["PUT /Customer/Merge"] != 0 {
			t.Errorf("a failed lookup wrote: %d customers, %v", sim.Len(), sim.Stats().Requests)
		}
	})
	t.Run("an unknown target", func(t *testing.T) {
		sim, _ := mergeSim(t, simulator.Options{})
		h := newProtoHarness(t, sim)
		_, diags := h.invokeAction("dealpos_customer_merge", map[string]any{"target": "email:nobody@example.com", "duplicates": []string{"DUP1"}})
		expectError(t, diags, "DealPOS customer not found", `email "nobody@example.com"`)
		if sim.Len() != 4 {
			t.Error("a merge into an unknown target wrote")
		}
	})
	t.Run("the target by its mobile: merged into itself", func(t *testing.T) {
		sim, _ := mergeSim(t, simulator.Options{})
		h := newProtoHarness(t, sim)
		_, diags := h.invokeAction("dealpos_customer_merge", map[string]any{"target": "KEEP", "duplicates": []string{"DUP1", "mobile:0811"}})
		expectError(t, diags, "Customer merged into itself", `"mobile:0811" is the target customer KEEP`)
		if sim.Len() != 4 {
			t.Error("a merge into itself wrote")
		}
	})
	t.Run("refused by DealPOS: its message", func(t *testing.T) {
		sim, _ := mergeSim(t, simulator.Options{MergeRefusesSuspended: true})
		h := newProtoHarness(t, sim)
		_, diags := h.invokeAction("dealpos_customer_merge", map[string]any{"target": "KEEP", "duplicates": []string{"DUP3"}})
		expectError(t, diags, "Could not merge DealPOS customers", "Customer DUP3 is suspended and cannot be merged.")
		if sim.Len() != 4 {
			t.Error("a refused merge changed the simulator")
		}
	})
	t.Run("answered done, not done: the duplicates left are named", func(t *testing.T) {
		sim, _ := mergeSim(t, simulator.Options{MergeLeavesDeleted: true})
		h := newProtoHarness(t, sim)
		_, diags := h.invokeAction("dealpos_customer_merge", map[string]any{"target": "KEEP", "duplicates": []string{"DUP1", "DUP2"}})
		expectError(t, diags, "Merged customers still exist", "customer DUP1", "customer DUP2")
	})
}

// TestProtocolVerifyContact: both verify actions set the simulator's
// flag, either way; an unknown email or mobile fails before any write; a
// malformed email fails at plan.
func TestProtocolVerifyContact(t *testing.T) {
	sim, _ := mergeSim(t, simulator.Options{})
	h := newProtoHarness(t, sim)
	flags := func() (email, mobile bool) {
		c, _ := sim.FindByCode("KEEP")
		return c.EmailVerified, c.MobileVerified
	}

	sim.ResetStats()
	progress, diags := h.invokeAction("dealpos_customer_verify_email", map[string]any{"email": "HENDRY@example.com", "verified": true})
	h.noDiags("verify email", diags)
	if e, m := flags(); !e || m {
		t.Errorf("after verify_email: email %v, mobile %v", e, m)
	}
	if len(progress) != 1 || !strings.Contains(progress[0], "customer KEEP verified = true") {
		t.Errorf("progress %q", progress)
	}
	if got := sim.Stats(); got.Total != 2 || got.Requests["PUT /Customer/VerifyEmail"] != 1 {
		t.Errorf("requests %v, want the lookup and the verify", got.Requests)
	}
	_, diags = h.invokeAction("dealpos_customer_verify_mobile", map[string]any{"mobile": "0811", "verified": true})
	h.noDiags("verify mobile", diags)
	_, diags = h.invokeAction("dealpos_customer_verify_email", map[string]any{"email": "hendry@example.com", "verified": false})
	h.noDiags("unverify email", diags)
	if e, m := flags(); e || !m {
		t.Errorf("after verify_mobile and unverifying the email: email %v, mobile %v", e, m)
	}

	sim.ResetStats()
	_, diags = h.invokeAction("dealpos_customer_verify_mobile", map[string]any{"mobile": "0899", "verified": true})
	expectError(t, diags, "DealPOS customer not found", `mobile "0899"`)
	if n := sim.Stats().Requests["PUT /Customer/VerifyMobile"]; n != 0 {
		t.Errorf("an unknown mobile sent %d verify requests", n)
	}
	expectError(t, h.validateAction("dealpos_customer_verify_email", map[string]any{"email": "hendry.example.com", "verified": true}),
		"must be an email address")
	expectError(t, h.validateAction("dealpos_customer_verify_mobile", map[string]any{"mobile": " ", "verified": true}), "Empty value")
}
