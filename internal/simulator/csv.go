package simulator

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// csvTyped sets the non-text Customer fields from CSV cells.
var csvTyped = map[string]func(*Customer, string) error{
	"gender": func(c *Customer, v string) error {
		switch strings.ToLower(v) {
		case "":
			c.Gender = ""
		case "male", "false":
			c.Gender = GenderMale
		case "female", "true":
			c.Gender = GenderFemale
		default:
			return fmt.Errorf("gender %q is not Male or Female", v)
		}
		return nil
	},
	"birthday":     csvDate(func(c *Customer) *time.Time { return &c.Birthday }),
	"joindate":     csvDate(func(c *Customer) *time.Time { return &c.JoinDate }),
	"expiredgroup": csvDate(func(c *Customer) *time.Time { return &c.ExpiredGroup }),
	"loyaltypoint": func(c *Customer, v string) (err error) {
		if v != "" {
			c.LoyaltyPoint, err = strconv.Atoi(v)
		}
		return err
	},
	"emailverified":  csvBool(func(c *Customer) *bool { return &c.EmailVerified }),
	"mobileverified": csvBool(func(c *Customer) *bool { return &c.MobileVerified }),
	"mobilephone":    func(c *Customer, v string) error { c.Mobile = v; return nil },
}

// csvDate accepts the write form (1994-03-18) and the read form (18 Mar 1994).
func csvDate(field func(*Customer) *time.Time) func(*Customer, string) error {
	return func(c *Customer, v string) error {
		if v == "" {
			return nil
		}
		for _, layout := range []string{dateIn, readDate} {
			if t, err := time.Parse(layout, v); err == nil {
				*field(c) = t
				return nil
			}
		}
		return fmt.Errorf("date %q is neither YYYY-MM-DD nor DD Mon YYYY", v)
	}
}

func csvBool(field func(*Customer) *bool) func(*Customer, string) error {
	return func(c *Customer, v string) (err error) {
		if v != "" {
			*field(c), err = strconv.ParseBool(v)
		}
		return err
	}
}

// csvAliases are the provider's attribute names, as the repository's CSV
// files spell them, for the fields whose API name differs (compared as
// csvKey does).
var csvAliases = map[string]string{
	"birthdate":    "birthday",
	"referredbyid": "referredby",
}

// csvKey is how a column name is compared: without regard to case, and
// without underscores, dashes or spaces, so that the API's names (FirstName,
// LoyaltyPoint) and the provider's (first_name, loyalty_point) both match.
func csvKey(name string) string {
	key := strings.ToLower(strings.NewReplacer("_", "", "-", "", " ", "").Replace(strings.TrimSpace(name)))
	if alias, ok := csvAliases[key]; ok {
		return alias
	}
	return key
}

// CSVColumns lists the columns ParseCSV takes, by their API names.
func CSVColumns() []string {
	var names []string
	for name := range stringFields {
		if _, typed := csvTyped[csvKey(name)]; !typed {
			names = append(names, name)
		}
	}
	for key := range csvTyped {
		names = append(names, csvTypedNames[key])
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return names
}

// csvTypedNames spells the keys of csvTyped as the API does.
var csvTypedNames = map[string]string{
	"gender": "Gender", "birthday": "Birthday", "joindate": "JoinDate", "expiredgroup": "ExpiredGroup",
	"loyaltypoint": "LoyaltyPoint", "emailverified": "EmailVerified", "mobileverified": "MobileVerified", "mobilephone": "MobilePhone",
}

// ParseCSV reads customers from CSV whose header row names Customer fields,
// by their API names or the provider's attribute names (see csvKey and
// csvAliases: Birthdate, birth_date and MobilePhone are taken too). Empty
// cells leave a field unset.
func ParseCSV(r io.Reader) ([]Customer, error) {
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("csv: no header row")
	}
	setters := make([]func(*Customer, string) error, len(rows[0]))
	for i, h := range rows[0] {
		key := csvKey(h)
		for name, field := range stringFields {
			if csvKey(name) == key {
				setters[i] = func(c *Customer, v string) error { *field(c) = v; return nil }
			}
		}
		if set, ok := csvTyped[key]; ok {
			setters[i] = set
		}
		if setters[i] == nil {
			return nil, fmt.Errorf("csv: unknown column %q; the columns are %s (or the same in snake_case: birth_date, loyalty_point)",
				h, strings.Join(CSVColumns(), ", "))
		}
	}
	var out []Customer
	for n, row := range rows[1:] {
		var c Customer
		for i, cell := range row {
			if err := setters[i](&c, strings.TrimSpace(cell)); err != nil {
				return nil, fmt.Errorf("csv: row %d, column %q: %w", n+2, rows[0][i], err)
			}
		}
		out = append(out, c)
	}
	return out, nil
}
