package mapping

import (
	"github.com/cpmap/cpmap/dataset"
)

// Change is one change of legal status in one jurisdiction and setting: a
// provision taking effect, or a status ending with nothing recorded after it.
type Change struct {
	// Date is when the change took effect: the provision's in_force, or its
	// adopted date when in_force is not recorded (FromAdopted), or the until
	// of a status that ended with no successor.
	Date         dataset.Date    `json:"date"`
	FromAdopted  bool            `json:"from_adopted,omitempty"`
	Jurisdiction string          `json:"jurisdiction"`
	Name         string          `json:"name"`
	Setting      dataset.Setting `json:"setting"`
	// From is the status before the change (unknown when nothing earlier is
	// recorded); To the status after it. They are equal when a new provision
	// restates the same status (a clarification).
	From dataset.Status `json:"from"`
	To   dataset.Status `json:"to"`
	// Provision is the provision that took effect, or the one that ended.
	Provision ProvisionRef `json:"provision"`
}
