package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// categoryModel is a category as the dealpos_category resource, its data
// source and its list resource hold it. This file holds the one mapping
// between it and the API.
type categoryModel struct {
	ID           types.String `tfsdk:"id"`
	Name         types.String `tfsdk:"name"`
	Code         types.String `tfsdk:"code"`
	Discontinued types.Bool   `tfsdk:"discontinued"`
}

// categoryResourceModel is the dealpos_category resource: a category and
// the resource's timeouts.
type categoryResourceModel struct {
	categoryModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// setFromAPI copies a read answer (GET /Category/ID) into the model.
//
// A name that differs from the known one only in case keeps the known
// spelling: the API finds categories by name without regard to case.
//
// The reference shows only the beginning of the read's answer, so whether
// the API answers Code at all is not known. A code it answers is taken (a
// change made elsewhere is then seen on refresh); an empty one keeps the
// value Terraform knows, since "no code" and "code not answered" look the
// same.
func (m *categoryModel) setFromAPI(c *dealpos.Category) {
	m.ID = types.StringValue(c.ID)
	m.Name = keepSpelling(m.Name, c.Name)
	if c.Code != "" {
		m.Code = types.StringValue(c.Code)
	} else if !known(m.Code) {
		m.Code = types.StringNull()
	}
	m.Discontinued = types.BoolValue(c.Discontinued)
}

// createRequest is the POST /Category body. Discontinued is not part of it:
// a category created discontinued is flipped by an update afterwards.
func (m categoryModel) createRequest() dealpos.CategoryCreate {
	return dealpos.CategoryCreate{Name: m.Name.ValueString(), Code: m.Code.ValueString()}
}

// categoryItemModel is a category as the list endpoint answers it (no code),
// for the dealpos_categories data source.
type categoryItemModel struct {
	ID           types.String `tfsdk:"id"`
	Name         types.String `tfsdk:"name"`
	Discontinued types.Bool   `tfsdk:"discontinued"`
}

func newCategoryItemModel(c dealpos.Category) categoryItemModel {
	return categoryItemModel{
		ID:           types.StringValue(c.ID),
		Name:         types.StringValue(c.Name),
		Discontinued: types.BoolValue(c.Discontinued),
	}
}

// categoryDescriptions describe the category attributes, for the resource,
// the data sources and the list resource alike. One field per attribute, so
// a misspelt name does not compile.
var categoryDescriptions = struct {
	ID, Name, Code, Discontinued string
}{
	ID:           "Category ID (a GUID) assigned by DealPOS.",
	Name:         "Full path of the category, one level per `/`-separated segment, such as `Food/Snack/Pastries`. DealPOS compares names without regard to case.",
	Code:         "Category code.",
	Discontinued: "Whether the category is discontinued.",
}

// discontinuedFilterDescription describes the discontinued filter of the
// dealpos_categories data source and the dealpos_category list resource.
const discontinuedFilterDescription = "Only discontinued categories (`true`) or only those in use (`false`). Unset: all."

// filterDiscontinued keeps the categories whose discontinued status is the
// filter's (all of them when it is null), at most limit of them (0: no limit).
func filterDiscontinued(all []dealpos.Category, discontinued types.Bool, limit int) []dealpos.Category {
	var matching []dealpos.Category
	for _, c := range all {
		if limit > 0 && len(matching) >= limit {
			break
		}
		if !known(discontinued) || c.Discontinued == discontinued.ValueBool() {
			matching = append(matching, c)
		}
	}
	return matching
}
