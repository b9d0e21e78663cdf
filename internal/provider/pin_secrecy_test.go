package provider

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// Where a write-only PIN must never appear besides the resource's
// attributes: the private state the provider hands Terraform (at plan,
// apply, refresh and import), the state file Terraform writes, and the saved
// plan (terraform show -json of it, and the file's bytes).

// privateLog keeps every private state the provider answers with.
type privateLog struct {
	mu      sync.Mutex
	private [][]byte
	applies int
}

func (l *privateLog) record(private []byte, apply bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.private = append(l.private, private)
	if apply {
		l.applies++
	}
}

// privateRecorder serves the provider and logs its private states.
type privateRecorder struct {
	tfprotov6.ProviderServer
	log *privateLog
}

func (r *privateRecorder) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := r.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		r.log.record(resp.PlannedPrivate, false)
	}
	return resp, err
}

func (r *privateRecorder) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp, err := r.ProviderServer.ApplyResourceChange(ctx, req)
	if resp != nil {
		r.log.record(resp.Private, true)
	}
	return resp, err
}

func (r *privateRecorder) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	resp, err := r.ProviderServer.ReadResource(ctx, req)
	if resp != nil {
		r.log.record(resp.Private, false)
	}
	return resp, err
}

func (r *privateRecorder) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	resp, err := r.ProviderServer.ImportResourceState(ctx, req)
	if resp != nil {
		for _, imported := range resp.ImportedResources {
			r.log.record(imported.Private, false)
		}
	}
	return resp, err
}

// check fails when a recorded private state holds a secret, or when no
// apply was recorded (the check would prove nothing).
func (l *privateLog) check(secrets ...string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.applies == 0 {
		return fmt.Errorf("no apply went through the recorder")
	}
	for _, private := range l.private {
		if secret := privateSecret(private, secrets); secret != "" {
			return fmt.Errorf("the provider answered a private state holding the PIN %s: %s", secret, private)
		}
	}
	return nil
}

// privateSecret returns the secret a private state holds, as it is or in
// the framework's encoding (a JSON object whose values are base64), or "".
func privateSecret(private []byte, secrets []string) string {
	var values map[string][]byte
	_ = json.Unmarshal(private, &values)
	for _, secret := range secrets {
		if bytes.Contains(private, []byte(secret)) {
			return secret
		}
		for k, v := range values {
			if strings.Contains(k, secret) || bytes.Contains(v, []byte(secret)) {
				return secret
			}
		}
	}
	return ""
}

// workingFiles returns the files named name under root (the
// TF_ACC_TEMP_DIR of the test, which holds its working directories).
func workingFiles(root, name string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == name {
			found = append(found, path)
		}
		return err
	})
	if err == nil && len(found) == 0 {
		err = fmt.Errorf("no %s under %s: the check would prove nothing", name, root)
	}
	return found, err
}

// expectNoSecretInStateFiles fails when a state file under root holds a
// secret, in its bytes or in a resource instance's private state (base64 in
// the file, the framework's encoding inside).
func expectNoSecretInStateFiles(root string, secrets ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		files, err := workingFiles(root, "terraform.tfstate")
		if err != nil {
			return err
		}
		for _, file := range files {
			if err := stateFileWithout(file, secrets); err != nil {
				return err
			}
		}
		return nil
	}
}

func stateFileWithout(file string, secrets []string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var state struct {
		Resources []struct {
			Type      string
			Instances []struct {
				Private []byte `json:"private"`
			}
		}
	}
	if err := json.Unmarshal(data, &state); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if secret := privateSecret(data, secrets); secret != "" {
		return fmt.Errorf("the state file %s holds the PIN %s", file, secret)
	}
	for _, rs := range state.Resources {
		for _, inst := range rs.Instances {
			if secret := privateSecret(inst.Private, secrets); secret != "" {
				return fmt.Errorf("the private state of a %s in %s holds the PIN %s", rs.Type, file, secret)
			}
		}
	}
	return nil
}

// noSecretInPlan is a plan check: the saved plan, as terraform show -json
// renders it and as the plan files under root hold it (the file's bytes
// and each file of the archive), carries no secret.
type noSecretInPlan struct {
	root    string
	secrets []string
}

func (c noSecretInPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	shown, err := json.Marshal(req.Plan)
	if err == nil {
		if secret := privateSecret(shown, c.secrets); secret != "" {
			err = fmt.Errorf("terraform show -json of the saved plan holds the PIN %s", secret)
		}
	}
	files, listErr := workingFiles(c.root, "tfplan")
	for _, file := range files {
		if err == nil {
			err = planFileWithout(file, c.secrets)
		}
	}
	if err == nil {
		err = listErr
	}
	resp.Error = err
}

func planFileWithout(file string, secrets []string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if secret := privateSecret(data, secrets); secret != "" {
		return fmt.Errorf("the plan file %s holds the PIN %s", file, secret)
	}
	archive, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("the plan file %s is no archive: %w", file, err)
	}
	for _, entry := range archive.File {
		rc, err := entry.Open()
		if err != nil {
			return err
		}
		content, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			return err
		}
		if secret := privateSecret(content, secrets); secret != "" {
			return fmt.Errorf("%s in the plan file %s holds the PIN %s", entry.Name, file, secret)
		}
	}
	return nil
}

// TestAccCustomerPIN_writeOnlyNeverStored: a PIN written through pin_wo,
// taken from the ephemeral resource so that no configuration holds it, is
// in no attribute, in no private state the provider answers or Terraform
// stores, and in no saved plan, at create, refresh and rotation. Not
// parallel: it points TF_ACC_TEMP_DIR at a directory of its own, to find
// the state and plan files there.
func TestAccCustomerPIN_writeOnlyNeverStored(t *testing.T) {
	root := t.TempDir()
	t.Setenv("TF_ACC_TEMP_DIR", root)
	sim := newTestSim(t, simulator.Options{})
	from := seedPINCustomer(sim, "P006")
	to := seedPINCustomer(sim, "P007")
	const first, second = "802461", "913572"
	sim.Update(from, func(c *simulator.Customer) { c.PIN = first })
	log := &privateLog{}
	config := func(version int) string {
		return sim.providerHCL() + fmt.Sprintf(`
ephemeral "dealpos_customer_pin" "from" {
  customer_id = %q
}

resource "dealpos_customer_pin" "test" {
  customer_id    = %q
  pin_wo         = ephemeral.dealpos_customer_pin.from.pin
  pin_wo_version = %d
}
`, from, to, version)
	}
	stored := func(want string) resource.TestCheckFunc {
		return resource.ComposeAggregateTestCheckFunc(
			expectSimPIN(sim, to, want),
			expectNoSecretInState(first, second),
			expectNoSecretInStateFiles(root, first, second),
			func(*terraform.State) error { return log.check(first, second) },
		)
	}
	inPlan := noSecretInPlan{root: root, secrets: []string{first, second}}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"dealpos": func() (tfprotov6.ProviderServer, error) {
				srv, err := servedProvider()
				return &privateRecorder{ProviderServer: srv, log: log}, err
			},
		},
		Steps: []resource.TestStep{
			{
				Config:           config(1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{inPlan}},
				Check:            stored(first),
			},
			{
				// A refresh: still nowhere.
				Config:           config(1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            stored(first),
			},
			{
				// Rotated: the new PIN is sent, and stored nowhere either.
				PreConfig:        func() { sim.Update(from, func(c *simulator.Customer) { c.PIN = second }) },
				Config:           config(2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(pinAddr, plancheck.ResourceActionUpdate), inPlan}},
				Check:            stored(second),
			},
		},
	})
}
