package mapping

import (
	"github.com/cpmap/cpmap/dataset"
)

// Attribution is the credit every summary of legal status carries.
const Attribution = "Legal status compiled from the Global Initiative to End All Corporal Punishment of Children country reports"

// Summary is one jurisdiction's progress summary: where it stands, setting by
// setting, what it has done since prohibition and what is missing.
type Summary struct {
	Jurisdiction string                   `json:"jurisdiction"`
	Name         string                   `json:"name"`
	Kind         dataset.JurisdictionKind `json:"kind"`
	Parent       string                   `json:"parent,omitempty"`
	// AsOf is the date the summary answers for ("data as of").
	AsOf dataset.Date `json:"as_of"`
	// LastVerified is the latest verified_on of the provisions cited.
	LastVerified dataset.Date `json:"last_verified,omitzero"`
	// Status is the jurisdiction's row of the status matrix.
	Status Row `json:"status"`
	// Steps holds the five steps, in order.
	Steps []StepResult `json:"steps"`
	// Trends holds the jurisdiction's survey series, sorted by indicator and
	// series.
	Trends []Trend `json:"trends"`
	// Changes is the jurisdiction's timeline of legal change up to AsOf.
	Changes []Change `json:"changes"`
	// Gaps lists, in plain words, what the dataset does not tell.
	Gaps []string `json:"gaps"`
	// Unconfirmed lists, in plain words, the facts recorded as unconfirmed.
	Unconfirmed []string `json:"unconfirmed"`
	// Sources lists every source the summary cites, sorted by id.
	Sources []SourceRef `json:"sources"`
	// Attribution credits the source of the legal status.
	Attribution string `json:"attribution"`
}
