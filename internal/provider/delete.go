package provider

import (
	"errors"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// keptNote tells the user, after a delete DealPOS did not carry out, that
// the record stays managed: Terraform keeps it in state, so nothing is
// orphaned, and the next destroy tries again.
func keptNote(err error) string {
	var kept *dealpos.KeptError
	if !errors.As(err, &kept) {
		return ""
	}
	return "\n\nThe record stays in the Terraform state, so nothing is orphaned. Check in DealPOS why it was not deleted " +
		"(a permission, or a record DealPOS refuses to delete), then run terraform destroy (or apply) again."
}
