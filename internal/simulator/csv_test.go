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
