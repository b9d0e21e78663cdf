package simulator

import (
	"fmt"
	"time"
)

// SampleJoinStart is the join date of the first SeedSample customer.
var SampleJoinStart = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// SeedSample stores n sample customers for tests, demos and benchmarks:
// "Customer 000" (code C000, c000@example.com, mobile 08000000000) and on,
// joined one a day from SampleJoinStart, alternately at outlets North and
// South, with birthdays in January 1990.
func (s *Server) SeedSample(n int) []string {
	ids := make([]string, 0, n)
	for i := range n {
		outlet := "North"
		if i%2 == 1 {
			outlet = "South"
		}
		ids = append(ids, s.Seed(Customer{
			Code:         fmt.Sprintf("C%03d", i),
			Name:         fmt.Sprintf("Customer %03d", i),
			Email:        fmt.Sprintf("c%03d@example.com", i),
			Mobile:       fmt.Sprintf("08%09d", i),
			Status:       "Active",
			SignUpOutlet: outlet,
			JoinDate:     SampleJoinStart.AddDate(0, 0, i),
			Birthday:     time.Date(1990, 1, 1+i%28, 0, 0, 0, 0, time.UTC),
		}))
	}
	return ids
}
