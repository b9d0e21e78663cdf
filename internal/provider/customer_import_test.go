package provider

import "testing"

func TestParseImportID(t *testing.T) {
	t.Parallel()
	guid := "5acffe34-346f-4888-afd8-0a551e556681"
	cases := []struct {
		in, key, value string
		wantErr        bool
	}{
		{in: guid, key: keyID, value: guid},
		{in: "id:" + guid, key: keyID, value: guid},
		{in: "ID: abc", key: keyID, value: "abc"},
		{in: "code:HW008", key: keyCode, value: "HW008"},
		{in: "HW008", key: keyCode, value: "HW008"},
		{in: "email:Tafta@dealpos.com", key: keyEmail, value: "Tafta@dealpos.com"},
		{in: "Tafta@dealpos.com", key: keyEmail, value: "Tafta@dealpos.com"},
		{in: "mobile:081588818888", key: keyMobile, value: "081588818888"},
		{in: "MM:004", key: keyCode, value: "MM:004"}, // an unknown prefix is part of a code
		{in: "", wantErr: true},
		{in: "code:", wantErr: true},
	}
	for _, tc := range cases {
		key, value, err := parseImportID(tc.in)
		if (err != nil) != tc.wantErr {
			t.Errorf("parseImportID(%q) error = %v, want error %v", tc.in, err, tc.wantErr)
			continue
		}
		if key != tc.key || value != tc.value {
			t.Errorf("parseImportID(%q) = %q, %q; want %q, %q", tc.in, key, value, tc.key, tc.value)
		}
	}
}
