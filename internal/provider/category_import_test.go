package provider

import "testing"

func TestParseCategoryImportID(t *testing.T) {
	t.Parallel()
	const guid = "3f2c8a9e-5b7d-4c1e-9a6f-0d8e2b4c6a10"
	for raw, want := range map[string][2]string{
		guid:                 {keyID, guid},
		"id:" + guid:         {keyID, guid},
		" ID: " + guid:       {keyID, guid},
		"Food/Snack":         {keyCategoryName, "Food/Snack"},
		"name:Food/Snack":    {keyCategoryName, "Food/Snack"},
		"Name: Food":         {keyCategoryName, "Food"},
		"Tools: Hand/Saws":   {keyCategoryName, "Tools: Hand/Saws"},
		"name:id:not-a-guid": {keyCategoryName, "id:not-a-guid"},
	} {
		key, value, err := parseCategoryImportID(raw)
		if err != nil || key != want[0] || value != want[1] {
			t.Errorf("parseCategoryImportID(%q) = %q, %q, %v; want %q, %q", raw, key, value, err, want[0], want[1])
		}
	}
	for _, raw := range []string{"", "  ", "id:", "name: "} {
		if _, _, err := parseCategoryImportID(raw); err == nil {
			t.Errorf("parseCategoryImportID(%q) accepted", raw)
		}
	}
}
