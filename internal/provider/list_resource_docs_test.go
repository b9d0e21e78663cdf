package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
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
func optionalSection(doc string) []string { return schemaSection(doc, "### Optional") }

// schemaSection returns the "- ..." lines under a heading.
func schemaSection(doc, heading string) []string {
	var lines []string
	in := false
	for _, line := range strings.Split(doc, "\n") {
		switch {
		case strings.HasPrefix(line, "#"):
			in = line == heading
		case in && strings.HasPrefix(line, "- "):
			lines = append(lines, line)
		}
	}
	return lines
}

// tfplugindocs renders an action's schema only from Terraform 1.14 on, so
// the Schema sections of templates/actions/ are written by hand too; this
// test keeps their "### Required" and "### Optional" lines equal to what
// tfplugindocs would write for each action's schema.
func TestActionTemplatesMatchSchemas(t *testing.T) {
	p := New("test")().(*dealposProvider) //nolint:forcetypeassert // New builds a dealposProvider
	actions := p.Actions(context.Background())
	if len(actions) == 0 {
		t.Fatal("the provider has no actions")
	}
	for _, newAction := range actions {
		a := newAction()
		var meta action.MetadataResponse
		a.Metadata(context.Background(), action.MetadataRequest{ProviderTypeName: "dealpos"}, &meta)
		t.Run(meta.TypeName, func(t *testing.T) {
			var resp action.SchemaResponse
			a.Schema(context.Background(), action.SchemaRequest{}, &resp)
			want := map[string][]string{"### Required": nil, "### Optional": nil}
			for name, attr := range resp.Schema.Attributes {
				heading := "### Optional"
				if attr.IsRequired() {
					heading = "### Required"
				}
				want[heading] = append(want[heading], fmt.Sprintf("- `%s` (%s) %s", name, typeKind(t, attr.GetType()), attr.GetMarkdownDescription()))
			}
			path := filepath.Join("..", "..", "templates", "actions", strings.TrimPrefix(meta.TypeName, "dealpos_")+".md.tmpl")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for heading, lines := range want {
				slices.Sort(lines)
				if got := schemaSection(string(data), heading); !slices.Equal(got, lines) {
					t.Errorf("%s: the %q section does not match the action's schema.\ngot:\n%s\nwant (what tfplugindocs writes):\n%s",
						path, heading, strings.Join(got, "\n"), strings.Join(lines, "\n"))
				}
			}
		})
	}
}

// typeKind is how tfplugindocs names an attribute's type.
func typeKind(t *testing.T, typ attr.Type) string {
	switch {
	case typ.Equal(types.StringType):
		return "String"
	case typ.Equal(types.BoolType):
		return "Boolean"
	case typ.Equal(types.Int64Type), typ.Equal(types.Float64Type), typ.Equal(types.NumberType):
		return "Number"
	}
	if l, ok := typ.(types.ListType); ok {
		return "List of " + typeKind(t, l.ElemType)
	}
	t.Fatalf("attribute type %s: extend typeKind", typ)
	return ""
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
