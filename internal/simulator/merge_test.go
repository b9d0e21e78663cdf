package simulator

import (
	"strings"
	"testing"
)

// TestMergeTargetKeepsItsOwn: the target keeps its fields, PIN, group,
// status and verified flags; only the loyalty points are added.
func TestMergeTargetKeepsItsOwn(t *testing.T) {
	e := newEnv(t, Options{})
	target := e.srv.Seed(Customer{Name: "T", Code: "T", Email: "t@x.io", Group: "Gold", PIN: "1111", LoyaltyPoint: 10, EmailVerified: true})
	dup := e.srv.Seed(Customer{Name: "D", Code: "D", Email: "d@x.io", Group: "Silver", PIN: "2222", LoyaltyPoint: 5, MobileVerified: true, Status: StatusSuspended})
	before, _ := e.srv.Get(target)
	e.call("PUT", "/Customer/Merge", map[string]any{"mergeTarget": target, "deleted": []string{dup}}).expect(t, 200, "Merge Completed")
	after, _ := e.srv.Get(target)
	before.LoyaltyPoint = 15
	if after != before {
		t.Errorf("target after the merge %+v, want its own fields with 15 points: %+v", after, before)
	}
	if _, ok := e.srv.Get(dup); ok {
		t.Error("the suspended duplicate was not merged away")
	}
}

// TestMergeSwitches: MergeRefusesSuspended refuses a merge naming a
// suspended customer, either side; MergeLeavesDeleted answers success and
// changes nothing.
func TestMergeSwitches(t *testing.T) {
	refusing := newEnv(t, Options{MergeRefusesSuspended: true})
	active := refusing.srv.Seed(Customer{Name: "A", Code: "A"})
	suspended := refusing.srv.Seed(Customer{Name: "S", Code: "S", Status: StatusSuspended})
	other := refusing.srv.Seed(Customer{Name: "O", Code: "O"})
	refusing.call("PUT", "/Customer/Merge", map[string]any{"mergeTarget": active, "deleted": []string{suspended}}).
		expect(t, 400, "Customer S is suspended and cannot be merged.")
	refusing.call("PUT", "/Customer/Merge", map[string]any{"mergeTarget": suspended, "deleted": []string{other}}).
		expect(t, 400, "Customer S is suspended")
	if refusing.srv.Len() != 3 {
		t.Fatalf("a refused merge changed the store: Len %d", refusing.srv.Len())
	}
	refusing.call("PUT", "/Customer/Merge", map[string]any{"mergeTarget": active, "deleted": []string{other}}).expect(t, 200, "Merge Completed")

	leaving := newEnv(t, Options{MergeLeavesDeleted: true})
	target := leaving.srv.Seed(Customer{Name: "T", Code: "T", LoyaltyPoint: 1})
	dup := leaving.srv.Seed(Customer{Name: "D", Code: "D", LoyaltyPoint: 2})
	leaving.call("PUT", "/Customer/Merge", map[string]any{"mergeTarget": target, "deleted": []string{dup}}).expect(t, 200, "Merge Completed")
	if c, _ := leaving.srv.Get(target); leaving.srv.Len() != 2 || c.LoyaltyPoint != 1 {
		t.Errorf("MergeLeavesDeleted changed the store: Len %d, target points %d", leaving.srv.Len(), c.LoyaltyPoint)
	}
}

// TestVerifyFlagsInControlView: the flags no read answers are in GET
// /_sim/customers; an unknown email or mobile is a 404, the email matched
// without regard to case.
func TestVerifyFlagsInControlView(t *testing.T) {
	e := newEnv(t, Options{})
	e.create(hendry())
	e.call("PUT", "/Customer/VerifyEmail", map[string]any{"Email": "HENDRY@dealpos.com", "EmailVerified": true}).expect(t, 200, "")
	e.call("PUT", "/Customer/VerifyEmail", map[string]any{"Email": "nobody@dealpos.com", "EmailVerified": true}).expect(t, 404, "Customer not found.")
	e.call("PUT", "/Customer/VerifyMobile", map[string]any{"Mobile": "0000", "MobileVerified": true}).expect(t, 404, "Customer not found.")
	raw := string(e.call("GET", "/_sim/customers", nil).expect(t, 200, "").body)
	if !strings.Contains(raw, `"EmailVerified":true`) || !strings.Contains(raw, `"MobileVerified":false`) {
		t.Errorf("GET /_sim/customers does not show the verified flags: %s", raw)
	}
	if read := string(e.call("POST", "/Customer/Email", map[string]any{"Email": "hendry@dealpos.com"}).expect(t, 200, "").body); strings.Contains(read, "Verified") {
		t.Errorf("a read answers a verified flag, which the reference does not show: %s", read)
	}
}
