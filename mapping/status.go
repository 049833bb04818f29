package mapping

import (
	"github.com/cpmap/cpmap/dataset"
)

// Uncertain is the status of a cell whose date falls within an imprecise
// boundary between periods of different status (see the package
// documentation). It is not a stored value of provisions.csv.
const Uncertain dataset.Status = "uncertain"

// Cell is the legal status of one setting of one jurisdiction on a date.
type Cell struct {
	Setting dataset.Setting `json:"setting"`
	// Status is the status in force on the date: unknown when no period
	// covers it, Uncertain when the date falls within an imprecise boundary
	// and the readings differ.
	Status dataset.Status `json:"status"`
	// Possible lists the statuses an Uncertain cell may have, in the order
	// of dataset.Statuses.
	Possible []dataset.Status `json:"possible,omitempty"`
	// Boundary is true when the date falls within an imprecise boundary,
	// whether or not the status depends on it.
	Boundary bool `json:"boundary,omitempty"`
	// FromAdopted is true when the period in force is counted from the date
	// of adoption because its in_force date is not recorded.
	FromAdopted bool `json:"from_adopted,omitempty"`
	// Provisions holds the provision in force on the date, or, on a
	// boundary, every provision that may be in force, earliest first.
	Provisions []ProvisionRef `json:"provisions,omitempty"`
	// Pending lists provisions adopted on or before the date that come into
	// force after it.
	Pending []ProvisionRef `json:"pending,omitempty"`
}

// Row is one jurisdiction of a status matrix.
type Row struct {
	Jurisdiction string `json:"jurisdiction"`
	Name         string `json:"name"`
	// Cells holds one cell per setting, in the order of dataset.Settings.
	Cells    []Cell   `json:"cells"`
	Category Category `json:"category"`
	// CategoryUncertain is true when an uncertain setting could change the
	// category.
	CategoryUncertain bool `json:"category_uncertain,omitempty"`
	// Committed is true when a commitment to full prohibition is current on
	// the date (whatever the category).
	Committed bool `json:"committed"`
	// Commitment is the commitment current on the date, if any.
	Commitment *CommitmentRef `json:"commitment,omitempty"`
}

// Cell returns the row's cell of setting s, and false when there is none.
func (r *Row) Cell(s dataset.Setting) (Cell, bool) {
	for _, c := range r.Cells {
		if c.Setting == s {
			return c, true
		}
	}
	return Cell{}, false
}

// Matrix is the status of a set of jurisdictions on one date.
type Matrix struct {
	AsOf dataset.Date `json:"as_of"`
	// Rows holds one row per jurisdiction, sorted by code.
	Rows []Row `json:"rows"`
	// Children is the share of children living under full prohibition.
	Children ChildShare `json:"children"`
}
