package mapping

import (
	"time"

	"github.com/cpmap/cpmap/dataset"
)

// Builders for small hand-made datasets.

func d(s string) dataset.Date { return dataset.MustDate(s) }

func on(s string) time.Time { return d(s).Start() }

func boolp(b bool) *bool { return &b }

func intp(n int) *int { return &n }

// prov is a provision of jurisdiction j, setting s and status st, with the
// dates adopted, in_force and until ("" for none). A provision with neither
// adopted nor in_force is verified in 1900, so that it speaks for every date
// the tests ask about (undatedSince makes one attested later, or not at all).
func prov(id, j string, s dataset.Setting, st dataset.Status, adopted, inForce, until string) dataset.Provision {
	p := dataset.Provision{
		ID: id, Jurisdiction: j, Setting: s, Status: st,
		Adopted: d(adopted), InForce: d(inForce), Until: d(until),
		Source: "src-" + j, Confirmed: boolp(true),
	}
	if adopted == "" && inForce == "" {
		p.VerifiedOn = d("1900")
	}
	return p
}

// undatedSince is an undated provision verified on verified ("" for none).
func undatedSince(id, j string, s dataset.Setting, st dataset.Status, verified string) dataset.Provision {
	p := prov(id, j, s, st, "", "", "")
	p.VerifiedOn = d(verified)
	return p
}

// allProhibited returns six undated prohibited provisions of j, except for
// the settings in except.
func allProhibited(j string, except ...dataset.Setting) []dataset.Provision {
	var out []dataset.Provision
outer:
	for _, s := range dataset.Settings {
		for _, e := range except {
			if e == s {
				continue outer
			}
		}
		out = append(out, prov(j+"-"+string(s), j, s, dataset.Prohibited, "", "", ""))
	}
	return out
}

func jur(code, name string, children int) dataset.Jurisdiction {
	j := dataset.Jurisdiction{Code: code, Name: name, Kind: dataset.State}
	if children > 0 {
		j.ChildPopulation = intp(children)
		j.ChildPopulationYear = intp(2020)
	}
	return j
}

func campaign(id, j string, kind dataset.CampaignKind, start, end string, audiences ...string) dataset.Campaign {
	return dataset.Campaign{
		ID: id, Jurisdictions: []string{j}, Kind: kind, Name: "Campaign " + id,
		Start: d(start), End: d(end), Audiences: audiences, Source: "src-" + j,
	}
}

func programme(id, j, level, evidence, start, end string) dataset.Programme {
	return dataset.Programme{
		ID: id, Jurisdiction: j, Name: "Programme " + id, Level: level, Evidence: evidence,
		Start: d(start), End: d(end), Source: "src-" + j,
	}
}

func survey(id, j, series string, year int, value float64) dataset.Survey {
	return dataset.Survey{
		ID: id, Jurisdiction: j, Series: series, Indicator: dataset.CPUsePastYear,
		Year: year, Value: value, Respondents: "parents", Source: "src-" + j,
	}
}
