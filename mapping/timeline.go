package mapping

import (
	"cmp"
	"slices"

	"github.com/cpmap/cpmap/dataset"
)

// ChangeKind says what an entry of a timeline records.
type ChangeKind string

// Kinds of timeline entries.
const (
	// StatusChanged: a provision took effect with a status other than the
	// one before it.
	StatusChanged ChangeKind = "change"
	// Restated: a provision took effect with the same status as the one it
	// follows: the law was re-enacted, clarified or strengthened, and the
	// status did not change.
	Restated ChangeKind = "restated"
	// StatusEnded: a status ended (until) with nothing recorded after it.
	StatusEnded ChangeKind = "ended"
	// CommitmentMade: the government committed itself to full prohibition.
	CommitmentMade ChangeKind = "commitment"
)

// Change is one entry of a jurisdiction's timeline: a provision taking
// effect in one setting (a change of status, or a restatement), a status
// ending with nothing recorded after it, or a commitment to full
// prohibition (Setting, From and To are then empty).
type Change struct {
	Kind ChangeKind `json:"kind"`
	// Date is when the change took effect: the provision's in_force, or its
	// adopted date when in_force is not recorded (FromAdopted), or the until
	// of a status that ended with no successor.
	Date         dataset.Date    `json:"date"`
	FromAdopted  bool            `json:"from_adopted,omitempty"`
	Jurisdiction string          `json:"jurisdiction"`
	Name         string          `json:"name"`
	Setting      dataset.Setting `json:"setting"`
	// From is the status before the change (not_prohibited before a
	// setting's first dated ban, unknown when nothing earlier is recorded);
	// To the status after it. They are equal when a new provision
	// restates the same status (a clarification).
	From dataset.Status `json:"from"`
	To   dataset.Status `json:"to"`
	// Provision is the provision that took effect, or the one that ended.
	Provision ProvisionRef `json:"provision"`
	// Commitment is the commitment of a CommitmentMade entry.
	Commitment *CommitmentRef `json:"commitment,omitempty"`
}

// Timeline returns the timeline of the jurisdictions codes, in date order
// (then jurisdiction, commitments first, then setting in the order of
// dataset.Settings, provision id): each dated provision taking effect, as a
// change of status or a restatement of the same status, each status ending
// (until) with no provision recorded to follow it, and each commitment to
// full prohibition. An undated provision is no change. The provisions of
// one jurisdiction and setting are read in the order of their start.
func (ix *Index) Timeline(codes []string) []Change {
	x := ix.x
	out := []Change{}
	for _, code := range sortedCodes(codes) {
		out = append(out, x.timeline(code)...)
	}
	sortChanges(out)
	return out
}

func (x *index) timeline(code string) []Change {
	var out []Change
	for _, c := range x.commitments[code] {
		out = append(out, Change{
			Kind: CommitmentMade, Date: c.From, Jurisdiction: code, Name: x.name(code),
			Commitment: &CommitmentRef{From: c.From, Until: c.Until, Source: c.Source, Notes: c.Notes},
		})
	}
	for _, s := range dataset.Settings {
		rows := x.provisions[code][s]
		for i, p := range rows {
			start, inForce := p.Start()
			if !start.IsZero() {
				from := dataset.Unknown
				if i == 0 && p == firstBan(rows) {
					from = dataset.NotProhibited // before a setting's first ban (see cellOn)
				}
				if i > 0 {
					prev := rows[i-1]
					if prev.Until.IsZero() || !prev.Until.Start().Before(start.Start()) {
						from = prev.Status
					}
				}
				kind := StatusChanged
				if from == p.Status {
					kind = Restated
				}
				out = append(out, Change{
					Kind: kind, Date: start, FromAdopted: !inForce,
					Jurisdiction: code, Name: x.name(code), Setting: s,
					From: from, To: p.Status, Provision: ref(p),
				})
			}
			if p.Until.IsZero() {
				continue
			}
			followed := false
			if i+1 < len(rows) {
				next, _ := rows[i+1].Start()
				followed = !next.IsZero() && !p.Until.Start().Before(next.Start())
			}
			if !followed {
				out = append(out, Change{
					Kind:         StatusEnded,
					Date:         p.Until,
					Jurisdiction: code, Name: x.name(code), Setting: s,
					From: p.Status, To: dataset.Unknown, Provision: ref(p),
				})
			}
		}
	}
	return out
}

func sortChanges(cs []Change) {
	order := map[dataset.Setting]int{"": -1} // commitments first
	for i, s := range dataset.Settings {
		order[s] = i
	}
	slices.SortStableFunc(cs, func(a, b Change) int {
		return cmp.Or(
			a.Date.Compare(b.Date),
			cmp.Compare(a.Jurisdiction, b.Jurisdiction),
			cmp.Compare(order[a.Setting], order[b.Setting]),
			cmp.Compare(a.Provision.ID, b.Provision.ID),
		)
	})
}
