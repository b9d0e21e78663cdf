package simulator

import (
	"encoding/json"
	"io"
	"net/http"
)

// serveControl answers the /_sim/ tooling endpoints. They bypass faults,
// auth and stats so observing the simulator never changes what it counts.
func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	send := func(status int, body any) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write(encodeJSON(body))
	}
	switch r.Method + " " + r.URL.Path {
	case "GET /_sim/stats":
		send(http.StatusOK, s.Stats())
	case "POST /_sim/stats/reset":
		s.ResetStats()
		send(http.StatusOK, message{"Stats reset"})
	case "GET /_sim/faults":
		send(http.StatusOK, s.Faults())
	case "PUT /_sim/faults":
		var f Faults
		b, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
		if err == nil {
			err = json.Unmarshal(b, &f)
		}
		if err != nil {
			send(http.StatusBadRequest, message{"Invalid faults: " + err.Error()})
			return
		}
		s.SetFaults(f)
		send(http.StatusOK, s.Faults())
	case "GET /_sim/customers":
		send(http.StatusOK, s.All())
	case "GET /_sim/categories":
		send(http.StatusOK, s.Categories())
	case "GET /_sim/products":
		send(http.StatusOK, s.Products())
	case "GET /_sim/outlets":
		send(http.StatusOK, s.Outlets())
	default:
		send(http.StatusNotFound, message{"No such control endpoint."})
	}
}
