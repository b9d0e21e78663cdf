package simulator

import (
	"strings"
	"testing"
)

func TestParseCSV(t *testing.T) {
	in := `code,Name,MobilePhone,email,Gender,Birthdate,JoinDate,ExpiredGroup,LoyaltyPoint,Status,EmailVerified,PIN
HW008,Tafta tata,081588818888,Tafta@dealpos.com,Male,1994-03-18,22 Jul 2019,,88,Active,true,1234
X1,Xena,0811,,female,,,2020-01-31,,Suspended,,
`
	got, err := ParseCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d customers, want 2", len(got))
	}
	a, b := got[0], got[1]
	if a.Code != "HW008" || a.Mobile != "081588818888" || a.Gender != GenderMale || !a.Birthday.Equal(day("1994-03-18")) ||
		!a.JoinDate.Equal(day("2019-07-22")) || !a.ExpiredGroup.IsZero() || a.LoyaltyPoint != 88 || !a.EmailVerified || a.PIN != "1234" {
		t.Fatalf("first row %+v", a)
	}
	if b.Gender != GenderFemale || !b.ExpiredGroup.Equal(day("2020-01-31")) || b.Status != StatusSuspended || b.Email != "" {
		t.Fatalf("second row %+v", b)
	}

	e := newEnv(t, Options{})
	for _, c := range got {
		e.srv.Seed(c)
	}
	if r := e.read(e.srv.All()[0].ID); r["Birthday"] != "18 Mar 1994" || r["JoinDate"] != "22 Jul 2019" {
		t.Fatalf("seeded record reads %v", r)
	}

	for name, bad := range map[string]string{
		"unknown column": "Code,Shoe\nA,42\n",
		"bad date":       "Code,Birthday\nA,18/03/1994\n",
		"bad gender":     "Code,Gender\nA,other\n",
		"bad number":     "Code,LoyaltyPoint\nA,many\n",
		"empty":          "",
		"ragged":         "Code,Name\nA\n",
	} {
		if _, err := ParseCSV(strings.NewReader(bad)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestParseCSVTakesTheProviderAttributeNames: the columns of the
// repository's CSV files, the dealpos_customer attribute names, fill the
// same fields as the API's names.
func TestParseCSVTakesTheProviderAttributeNames(t *testing.T) {
	in := "code,first_name,birth_date,expired_group,loyalty_point,signup_outlet,mobile,image_url\n" +
		"C1,Indra,1988-02-14,2027-12-31,40,Main Outlet,0812,https://img.example.com/a.jpg\n"
	got, err := ParseCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	c := got[0]
	if c.Code != "C1" || c.FirstName != "Indra" || c.Birthday.Format(dateIn) != "1988-02-14" || c.ExpiredGroup.Format(dateIn) != "2027-12-31" ||
		c.LoyaltyPoint != 40 || c.SignUpOutlet != "Main Outlet" || c.Mobile != "0812" || c.ImageURL != "https://img.example.com/a.jpg" {
		t.Errorf("parsed %+v", c)
	}
	if _, err := ParseCSV(strings.NewReader("code,favourite_colour\nC1,red\n")); err == nil || !strings.Contains(err.Error(), "LoyaltyPoint") {
		t.Errorf("an unknown column gave %v, want the list of columns", err)
	}
}
