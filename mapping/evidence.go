package mapping

import (
	"github.com/cpmap/cpmap/dataset"
)

// Evidence is one record an answer rests on.
type Evidence struct {
	// Table is the dataset table of the record: provisions, commitments,
	// campaigns, programmes or surveys.
	Table string `json:"table"`
	// ID is the record's id; for a commitment, which has none, it is
	// "JURISDICTION/FROM", e.g. "LT/2014".
	ID string `json:"id"`
	// What describes the record in plain words, e.g. "action plan: National
	// programme 2019–2023 (2019–2023)".
	What string `json:"what"`
	// Source is the id of the source the record cites.
	Source string `json:"source"`
}

// SourceRef is a cited source, as summaries list it.
type SourceRef struct {
	ID        string       `json:"id"`
	Title     string       `json:"title"`
	Publisher string       `json:"publisher,omitempty"`
	URL       string       `json:"url,omitempty"`
	Published dataset.Date `json:"published,omitzero"`
	Accessed  dataset.Date `json:"accessed,omitzero"`
	Type      string       `json:"type"`
}

// ProvisionRef is a provision as an answer cites it.
type ProvisionRef struct {
	ID     string         `json:"id"`
	Status dataset.Status `json:"status"`
	// Unconfirmed is true when the provision is recorded as not confirmed
	// (confirmed=false, the Global Initiative's square brackets).
	Unconfirmed bool         `json:"unconfirmed,omitempty"`
	Adopted     dataset.Date `json:"adopted,omitzero"`
	InForce     dataset.Date `json:"in_force,omitzero"`
	Until       dataset.Date `json:"until,omitzero"`
	Instrument  string       `json:"instrument,omitempty"`
	Provision   string       `json:"provision,omitempty"`
	Quote       string       `json:"quote,omitempty"`
	Translation string       `json:"translation,omitempty"`
	Source      string       `json:"source"`
	VerifiedOn  dataset.Date `json:"verified_on,omitzero"`
}

// CommitmentRef is a commitment to full prohibition as an answer cites it.
type CommitmentRef struct {
	From   dataset.Date `json:"from"`
	Until  dataset.Date `json:"until,omitzero"`
	Source string       `json:"source"`
	Notes  string       `json:"notes,omitempty"`
}
