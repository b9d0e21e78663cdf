package provider

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

func TestSetFromAPI(t *testing.T) {
	t.Parallel()
	var c dealpos.Customer
	// The reference's read answer, with Gender as a boolean and an unset field.
	answer := `{"ID":"5acffe34-346f-4888-afd8-0a551e556681","Name":"Tafta tata","Email":"Tafta@dealpos.com","Title":"Mr.",
	"FirstName":"Tafta","LastName":"","Gender":true,"Code":"HW008","Phone":"","MobilePhone":"081588818888","Birthday":"18 Mar 1994",
	"JoinDate":"2019-07-22T00:00:00","Group":"Gold","ExpiredGroup":"","SignUpOutlet":"Outlet1","LoyaltyPoint":88,"Status":"Active","ReferredBy":""}`
	if err := json.Unmarshal([]byte(answer), &c); err != nil {
		t.Fatal(err)
	}
	f := customerFields{Email: types.StringValue("tafta@DEALPOS.com")}
	f.setFromAPI(&c)
	checks := map[string][2]types.String{
		"email keeps the known spelling": {f.Email, types.StringValue("tafta@DEALPOS.com")},
		"mobile from MobilePhone":        {f.Mobile, types.StringValue("081588818888")},
		"gender from boolean":            {f.Gender, types.StringValue("Female")},
		"birth date normalised":          {f.BirthDate, types.StringValue("1994-03-18")},
		"ISO join date normalised":       {f.JoinDate, types.StringValue("2019-07-22")},
		"empty string is null":           {f.LastName, types.StringNull()},
		"empty date is null":             {f.ExpiredGroup, types.StringNull()},
		"empty referrer is null":         {f.ReferredByID, types.StringNull()},
	}
	for name, got := range checks {
		if !got[0].Equal(got[1]) {
			t.Errorf("%s: got %s, want %s", name, got[0], got[1])
		}
	}
	if f.LoyaltyPoint.ValueInt64() != 88 {
		t.Errorf("loyalty point = %s", f.LoyaltyPoint)
	}

	// An email that really changed is taken from the API.
	f.Email = types.StringValue("old@dealpos.com")
	f.setFromAPI(&c)
	if f.Email.ValueString() != "Tafta@dealpos.com" {
		t.Errorf("changed email not refreshed: %s", f.Email)
	}
}

func TestCreateRequestSendsOnlyWhatIsSet(t *testing.T) {
	t.Parallel()
	f := customerFields{
		Code: types.StringValue("HW001"), Name: types.StringValue("Hendry"), Email: types.StringValue("h@example.com"),
		Mobile: types.StringValue("0856"), Status: types.StringValue("Active"),
		FirstName: types.StringNull(), Gender: types.StringValue("Male"), BirthDate: types.StringUnknown(),
		LoyaltyPoint: types.Int64Unknown(), ExpiredGroup: types.StringValue("2030-01-31"),
	}
	b, err := json.Marshal(f.createRequest(types.StringNull()))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"Code": "HW001", "Name": "Hendry", "Email": "h@example.com", "Mobile": "0856", "Status": "Active",
		"Gender": false, "ExpiredGroup": "2030-01-31",
	}
	if len(got) != len(want) {
		t.Errorf("create body %s, want exactly the keys of %v", b, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("create body %s: %s = %v, want %v", b, k, got[k], v)
		}
	}
}

func TestUpdateRequestClearsTextAndLeavesUnmanagedValues(t *testing.T) {
	t.Parallel()
	plan := customerFields{
		ID: types.StringValue("id-1"), Code: types.StringValue("HW002"), Name: types.StringValue("Hendry"),
		Email: types.StringValue("h@example.com"), Mobile: types.StringValue("0856"), Status: types.StringValue("Active"),
		FirstName: types.StringNull(), Gender: types.StringValue("Female"), BirthDate: types.StringValue("1994-03-21"),
		LoyaltyPoint: types.Int64Value(40),
	}
	// Gender and loyalty are configured; the birth date is only in state.
	config := plan
	config.BirthDate = types.StringNull()
	b, err := json.Marshal(plan.updateRequest(config))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got["FirstName"] != "" {
		t.Errorf("a removed text attribute must be sent as \"\" to clear it: %s", b)
	}
	if got["Gender"] != "Female" || got["LoyaltyPoint"] != float64(40) || got["Code"] != "HW002" || got["ID"] != "id-1" {
		t.Errorf("configured values missing from %s", b)
	}
	if _, ok := got["Birthdate"]; ok {
		t.Errorf("an unconfigured date must not be sent: %s", b)
	}
}

func TestMergeListItemKeepsWhatTheListLacks(t *testing.T) {
	t.Parallel()
	f := customerFields{
		Code: types.StringValue("OLD"), Email: types.StringValue("Hendry@Example.com"), Phone: types.StringValue("021"),
		BirthDate: types.StringValue("1994-03-21"), JoinDate: types.StringValue("2020-01-01"),
	}
	f.mergeListItem(dealpos.CustomerListItem{ID: "id-1", Code: "NEW", Name: "Hendry", Email: "hendry@example.com", Mobile: "0856", JoinDate: "2021-02-03"})
	checks := map[string][2]types.String{
		"code from the list":               {f.Code, types.StringValue("NEW")},
		"email keeps the known spelling":   {f.Email, types.StringValue("Hendry@Example.com")},
		"phone is not in the list":         {f.Phone, types.StringValue("021")},
		"an empty listed date keeps state": {f.BirthDate, types.StringValue("1994-03-21")},
		"join date from the list":          {f.JoinDate, types.StringValue("2021-02-03")},
	}
	for name, got := range checks {
		if !got[0].Equal(got[1]) {
			t.Errorf("%s: got %s, want %s", name, got[0], got[1])
		}
	}
}
