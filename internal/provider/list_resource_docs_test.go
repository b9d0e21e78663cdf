package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
)

// tfplugindocs renders a list resource's schema ({{ .SchemaMarkdown }}) only
// when the Terraform CLI it runs reports list resource schemas, which
// Terraform does from 1.14; the docs are generated with an older one, so the
// Schema sections of templates/list-resources/ are written by hand. This test
// keeps them equal to the schemas: the lines of each "### Optional" section
// must be exactly what tfplugindocs would write for the config attributes.
func TestListResourceTemplatesMatchSchemas(t *testing.T) {
	for name, newList := range map[string]func() list.ListResource{
		"customer": NewCustomerListResource,
		"category": NewCategoryListResource,
		"product":  NewProductListResource,
	} {
		t.Run(name, func(t *testing.T) {
			var resp list.ListResourceSchemaResponse
			newList().ListResourceConfigSchema(context.Background(), list.ListResourceSchemaRequest{}, &resp)
			var want []string
			for attr, a := range resp.Schema.Attributes {
				if !a.IsOptional() {
					t.Fatalf("%s: only optional config attributes are documented by hand; %s is not", name, attr)
				}
				want = append(want, fmt.Sprintf("- `%s` (%s) %s", attr, attrKind(t, a), a.GetMarkdownDescription()))
			}
			slices.Sort(want)

			path := filepath.Join("..", "..", "templates", "list-resources", name+".md.tmpl")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got := optionalSection(string(data))
			if !slices.Equal(got, want) {
				t.Errorf("%s: the \"### Optional\" section does not match the list resource's schema.\ngot:\n%s\nwant (what tfplugindocs writes):\n%s",
					path, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func attrKind(t *testing.T, a schema.Attribute) string {
	switch a.(type) {
	case schema.StringAttribute:
		return "String"
	case schema.BoolAttribute:
		return "Boolean"
	case schema.Int64Attribute, schema.Float64Attribute, schema.NumberAttribute:
		return "Number"
	}
	t.Fatalf("attribute type %T: extend attrKind", a)
	return ""
}

// optionalSection returns the "- ..." lines under "### Optional".
func optionalSection(doc string) []string {
	var lines []string
	in := false
	for _, line := range strings.Split(doc, "\n") {
		switch {
		case strings.HasPrefix(line, "#"):
			in = line == "### Optional"
		case in && strings.HasPrefix(line, "- "):
			lines = append(lines, line)
		}
	}
	return lines
}

// TestDocsAgreeOnHowIdentityAndListsAreTested: the README and the provider's
// Registry page say the same: resource identities and list resources are
// tested through the plugin protocol on any Terraform, and through the CLI
// given a Terraform 1.14 or later.
func TestDocsAgreeOnHowIdentityAndListsAreTested(t *testing.T) {
	for _, file := range []string{"README.md", filepath.Join("docs", "index.md")} {
		data, err := os.ReadFile(filepath.Join("..", "..", file))
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(data)), " ")
		for _, want := range []string{"through the plugin protocol", "and through the CLI", "Terraform 1.14 or later"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s does not say %q about how identities and list resources are tested", file, want)
			}
		}
		if strings.Contains(text, "through the plugin protocol, since the CLI") {
			t.Errorf("%s still says identities and list resources are tested through the plugin protocol only", file)
		}
	}
}
