package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// TestAccCustomerDataSource looks a managed customer up by each key and
// expects the resource's own attribute values.
func TestAccCustomerDataSource(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{GenderAsBool: true})
	config := sim.providerHCL() + customerHCL(fullCustomer[:16]...) + `
data "dealpos_customer" "by_id" {
  id = dealpos_customer.test.id
}

data "dealpos_customer" "by_code" {
  code = dealpos_customer.test.code
}

data "dealpos_customer" "by_email" {
  email = lower(dealpos_customer.test.email)
}

data "dealpos_customer" "by_mobile" {
  mobile = dealpos_customer.test.mobile
}
`
	var checks []resource.TestCheckFunc
	for _, ds := range []string{"by_id", "by_code", "by_email", "by_mobile"} {
		for _, attr := range []string{"id", "code", "name", "mobile", "status", "first_name", "last_name", "phone", "address", "group",
			"image_url", "gender", "birth_date", "expired_group", "loyalty_point", "signup_outlet", "join_date"} {
			checks = append(checks, resource.TestCheckResourceAttrPair("data.dealpos_customer."+ds, attr, customerAddr, attr))
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			Check:  resource.ComposeAggregateTestCheckFunc(checks...),
			ConfigStateChecks: []statecheck.StateCheck{
				// Gender answered as a boolean (simulator in boolean mode).
				statecheck.ExpectKnownValue("data.dealpos_customer.by_id", tfjsonpath.New("gender"), knownvalue.StringExact("Female")),
				statecheck.ExpectKnownValue("data.dealpos_customer.by_email", tfjsonpath.New("email"), knownvalue.StringExact("hendry@example.com")),
				statecheck.ExpectKnownValue("data.dealpos_customer.by_id", tfjsonpath.New("birth_date"), knownvalue.StringExact("1994-03-21")),
			},
		}},
	})
}

func TestAccCustomerDataSource_notFoundAndKeys(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	sim.Seed(simulator.Customer{Code: "HW008", Name: "Tafta tata", Email: "Tafta@dealpos.com", Mobile: "081588818888", Status: "Active",
		Title: "Mr.", City: "Jakarta", Nationality: "Indonesian", Fax: "6325894", Identification: "3173656111"})
	steps := []resource.TestStep{}
	for key, value := range map[string]string{
		"id": "5acffe34-346f-4888-afd8-0a551e556681", "code": "NOPE", "email": "nobody@example.com", "mobile": "0000",
	} {
		steps = append(steps, resource.TestStep{
			Config:      sim.providerHCL() + fmt.Sprintf("data \"dealpos_customer\" \"x\" {\n  %s = %q\n}\n", key, value),
			ExpectError: regexp.MustCompile(regexp.QuoteMeta(fmt.Sprintf("No customer has %s %q", key, value))),
		})
	}
	steps = append(steps,
		resource.TestStep{
			Config:      sim.providerHCL() + `data "dealpos_customer" "x" {}`,
			ExpectError: regexp.MustCompile(`(?s)Exactly one of these attributes must be configured`),
		},
		resource.TestStep{
			Config: sim.providerHCL() + `data "dealpos_customer" "x" {
  code  = "A"
  email = "a@example.com"
}`,
			ExpectError: regexp.MustCompile(`(?s)Exactly one of these attributes must be configured`),
		},
	)
	// Last, so the final destroy has a valid configuration.
	steps = append(steps, resource.TestStep{
		// The read-only extras only the data source exposes.
		Config: sim.providerHCL() + `data "dealpos_customer" "x" { code = "HW008" }`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.dealpos_customer.x", tfjsonpath.New("title"), knownvalue.StringExact("Mr.")),
			statecheck.ExpectKnownValue("data.dealpos_customer.x", tfjsonpath.New("city"), knownvalue.StringExact("Jakarta")),
			statecheck.ExpectKnownValue("data.dealpos_customer.x", tfjsonpath.New("nationality"), knownvalue.StringExact("Indonesian")),
			statecheck.ExpectKnownValue("data.dealpos_customer.x", tfjsonpath.New("fax"), knownvalue.StringExact("6325894")),
			statecheck.ExpectKnownValue("data.dealpos_customer.x", tfjsonpath.New("identification"), knownvalue.StringExact("3173656111")),
		},
	})
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
}
