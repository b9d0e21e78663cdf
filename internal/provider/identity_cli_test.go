package provider

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// Resource identity (Terraform 1.12+) and `terraform query` (1.14+) through
// the terraform CLI. They skip on an older CLI, such as the Terraform 1.11 of
// `make testacc`; `make testacc-next` runs every TestAccIdentity_* and
// TestAccQuery_* test (that prefix is what selects them) with the CLI that
// DEALPOS_TF_NEXT names. The protocol tests (identity_list_test.go and the
// *_list_resource_test.go files) prove the same behaviour on any Terraform.

var (
	skipBelowIdentity = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)}
	skipBelowQuery    = []tfversion.TerraformVersionCheck{skipOpenTofu{"terraform query"}, tfversion.SkipBelow(tfversion.Version1_14_0)}
)

// cli is the terraform CLI the acceptance tests drive, found the way
// terraform-plugin-testing finds it, without downloading:
// TF_ACC_TERRAFORM_PATH, else terraform on PATH.
type cli struct {
	path    string
	product string // Terraform or OpenTofu
	version string // the version line of its version command, such as "Terraform v1.15.9"
	major   int
	minor   int
}

var cliVersionLine = regexp.MustCompile(`(?m)^((Terraform|OpenTofu) v(\d+)\.(\d+)\.\S*)$`)

func cliUnderTest(ctx context.Context) (cli, error) {
	c := cli{path: os.Getenv("TF_ACC_TERRAFORM_PATH")}
	if c.path == "" {
		var err error
		if c.path, err = exec.LookPath("terraform"); err != nil {
			return c, fmt.Errorf("no terraform on PATH and TF_ACC_TERRAFORM_PATH unset")
		}
	}
	// OpenTofu writes some warnings (a TF_CLI_CONFIG_FILE that does not
	// exist) on stdout, before the version line.
	out, err := exec.CommandContext(ctx, c.path, "version").Output()
	if err != nil {
		return c, fmt.Errorf("%s version: %w", c.path, err)
	}
	m := cliVersionLine.FindStringSubmatch(string(out))
	if m == nil {
		return c, fmt.Errorf("%s version answered %q: neither Terraform nor OpenTofu", c.path, out)
	}
	c.version, c.product = m[1], m[2]
	c.major, _ = strconv.Atoi(m[3])
	c.minor, _ = strconv.Atoi(m[4])
	return c, nil
}

// skipOpenTofu skips a test of a Terraform feature OpenTofu does not have,
// whatever OpenTofu's version number (it numbers its releases on its own,
// so a SkipBelow on Terraform's version does not tell).
type skipOpenTofu struct{ feature string }

func (s skipOpenTofu) CheckTerraformVersion(ctx context.Context, _ tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	c, err := cliUnderTest(ctx)
	switch {
	case err != nil:
		resp.Error = err
	case c.product == "OpenTofu":
		resp.Skip = fmt.Sprintf("%s is a Terraform feature; the CLI under test is %s", s.feature, c.version)
	}
}

// importByIdentityStep imports addr through an import block that names the
// identity recorded in the prior step's state, and expects a no-op import.
func importByIdentityStep(addr string) resource.TestStep {
	return resource.TestStep{
		ResourceName:    addr,
		ImportState:     true,
		ImportStateKind: resource.ImportBlockWithResourceIdentity,
	}
}

func TestAccIdentity_customerImport(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   skipBelowIdentity,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: sim.providerHCL() + customerHCL(fullCustomer[:16]...)},
			importByIdentityStep(customerAddr),
		},
	})
}

func TestAccIdentity_categoryImport(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   skipBelowIdentity,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: sim.providerHCL() +
				categoryHCL("food", `name = "Food"`, `code = "FD"`) +
				categoryHCL("snack", `name = "${dealpos_category.food.name}/Snack"`, `discontinued = true`)},
			importByIdentityStep(foodAddr),
			importByIdentityStep(snackAddr),
		},
	})
}

func TestAccIdentity_productImport(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   skipBelowIdentity,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: sim.providerHCL() + productHCL(baseProduct, variantS, variantM, variantL)},
			importByIdentityStep(productAddr),
		},
	})
}

// listHCL renders a list block of the given type and name from its
// arguments (limit, include_resource) and its config block's lines.
func listHCL(typeName, name string, args []string, config ...string) string {
	out := fmt.Sprintf("\nlist %q %q {\n  provider = dealpos\n", typeName, name)
	for _, a := range args {
		out += "  " + a + "\n"
	}
	if len(config) > 0 {
		out += "  config {\n"
		for _, c := range config {
			out += "    " + c + "\n"
		}
		out += "  }\n"
	}
	return out + "}\n"
}

// queryTestCase is a test case that applies the provider block, then runs
// terraform query over the given list blocks with the given checks. The
// query step's configuration is the .tfquery.hcl file, next to the .tf file
// of the first step, which configures the provider (a provider block in
// both is a duplicate).
func queryTestCase(sim *testSim, checks []querycheck.QueryResultCheck, lists ...string) resource.TestCase {
	return resource.TestCase{
		TerraformVersionChecks:   skipBelowQuery,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: sim.providerHCL()},
			{Query: true, Config: strings.Join(lists, ""), QueryResultChecks: checks},
		},
	}
}

func idCheck(id string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"id": knownvalue.StringExact(id)}
}

// attrChecks are known-value checks of top-level string attributes of a
// listed resource object.
func attrChecks(attrs map[string]string) []querycheck.KnownValueCheck {
	var out []querycheck.KnownValueCheck
	for name, v := range attrs {
		out = append(out, querycheck.KnownValueCheck{Path: tfjsonpath.New(name), KnownValue: knownvalue.StringExact(v)})
	}
	return out
}

// TestAccQuery_customers: every customer with its identity and display
// name; the limit; a filter with full resource objects.
func TestAccQuery_customers(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	ids := sim.SeedSample(5)
	checks := []querycheck.QueryResultCheck{
		querycheck.ExpectLength("dealpos_customer.all", 5),
		querycheck.ExpectLength("dealpos_customer.two", 2),
		// SeedSample alternates the outlets North and South: 0, 2 and 4 are North's.
		querycheck.ExpectLength("dealpos_customer.north", 3),
		querycheck.ExpectResourceDisplayName("dealpos_customer.all", queryfilter.ByResourceIdentity(idCheck(ids[1])), knownvalue.StringExact("Customer 001 (C001)")),
		querycheck.ExpectResourceKnownValues("dealpos_customer.north", queryfilter.ByResourceIdentity(idCheck(ids[2])), attrChecks(map[string]string{
			"id": ids[2], "code": "C002", "name": "Customer 002", "email": "c002@example.com", "mobile": "08000000002", "signup_outlet": "North",
		})),
	}
	for _, id := range ids {
		checks = append(checks, querycheck.ExpectIdentity("dealpos_customer.all", idCheck(id)))
	}
	resource.Test(t, queryTestCase(sim, checks,
		listHCL("dealpos_customer", "all", []string{"limit = 1000"}),
		listHCL("dealpos_customer", "two", []string{"limit = 2"}),
		listHCL("dealpos_customer", "north", []string{"include_resource = true"}, `outlet = "North"`),
	))
}

// TestAccQuery_categories: every level of the category paths; the limit;
// the discontinued filter with full objects (the code comes from the read by
// ID, which the list answer lacks).
func TestAccQuery_categories(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	simCategoryCall(t, sim, http.MethodPost, map[string]any{"Name": "Food/Snack", "Code": "SN"})
	simCategoryCall(t, sim, http.MethodPost, map[string]any{"Name": "Drinks", "Code": "DR"})
	simCategoryCall(t, sim, http.MethodPut, map[string]any{"Name": "Drinks", "Rename": "Drinks", "Discontinued": true})
	byName := map[string]string{}
	for _, c := range sim.Categories() {
		byName[c.Name] = c.ID
	}
	if len(byName) != 3 {
		t.Fatalf("simulator categories %v, want Drinks, Food and Food/Snack", byName)
	}
	checks := []querycheck.QueryResultCheck{
		querycheck.ExpectLength("dealpos_category.all", 3),
		querycheck.ExpectLength("dealpos_category.one", 1),
		querycheck.ExpectLength("dealpos_category.in_use", 2),
		querycheck.ExpectResourceDisplayName("dealpos_category.all", queryfilter.ByResourceIdentity(idCheck(byName["Food/Snack"])), knownvalue.StringExact("Food/Snack")),
		querycheck.ExpectResourceKnownValues("dealpos_category.in_use", queryfilter.ByResourceIdentity(idCheck(byName["Food/Snack"])), append(
			attrChecks(map[string]string{"id": byName["Food/Snack"], "name": "Food/Snack", "code": "SN"}),
			querycheck.KnownValueCheck{Path: tfjsonpath.New("discontinued"), KnownValue: knownvalue.Bool(false)},
		)),
	}
	for _, id := range byName {
		checks = append(checks, querycheck.ExpectIdentity("dealpos_category.all", idCheck(id)))
	}
	resource.Test(t, queryTestCase(sim, checks,
		listHCL("dealpos_category", "all", nil),
		listHCL("dealpos_category", "one", []string{"limit = 1"}),
		listHCL("dealpos_category", "in_use", []string{"include_resource = true"}, "discontinued = false"),
	))
}

// TestAccQuery_products: every product; the limit; the discontinued filter
// with full objects, variants included (their types with read_variant_types).
func TestAccQuery_products(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	ids := seedProducts(t, sim, 4) // SP000 and SP003 discontinued
	checks := []querycheck.QueryResultCheck{
		querycheck.ExpectLength("dealpos_product.all", 4),
		querycheck.ExpectLength("dealpos_product.three", 3),
		querycheck.ExpectLength("dealpos_product.discontinued", 2),
		querycheck.ExpectResourceDisplayName("dealpos_product.all", queryfilter.ByResourceIdentity(idCheck(ids[1])), knownvalue.StringExact("Seeded SP001 (SP001)")),
		querycheck.ExpectResourceKnownValues("dealpos_product.discontinued", queryfilter.ByResourceIdentity(idCheck(ids[3])), append(
			attrChecks(map[string]string{"id": ids[3], "code": "SP003", "name": "Seeded SP003", "category": "Seeded/Goods", "brand": "Acme"}),
			querycheck.KnownValueCheck{Path: tfjsonpath.New("discontinued"), KnownValue: knownvalue.Bool(true)},
			querycheck.KnownValueCheck{Path: tfjsonpath.New("variants").AtMapKey("SP003-A").AtMapKey("model"), KnownValue: knownvalue.StringExact("A")},
			querycheck.KnownValueCheck{Path: tfjsonpath.New("variants").AtMapKey("SP003-B").AtMapKey("type"), KnownValue: knownvalue.StringExact("NonInventory")},
		)),
	}
	for _, id := range ids {
		checks = append(checks, querycheck.ExpectIdentity("dealpos_product.all", idCheck(id)))
	}
	resource.Test(t, queryTestCase(sim, checks,
		listHCL("dealpos_product", "all", nil),
		listHCL("dealpos_product", "three", []string{"limit = 3"}),
		listHCL("dealpos_product", "discontinued", []string{"include_resource = true"}, "discontinued = true", "read_variant_types = true"),
	))
}
