package importers

import (
	"fmt"
	"hash/fnv"
	"net/url"
	"slices"
	"strings"

	"github.com/cpmap/cpmap/dataset"
)

// Ids are made from content when a sheet gives none, so that importing the
// same rows again gives the same ids:
//
//   - provisions: jurisdiction-setting-year of the start (in_force, else
//     adopted), or jurisdiction-setting without one: se-home-1979, de-day-care;
//   - campaigns: jurisdictions (up to three, else "regional"), the name's
//     slug and the start year: lt-protect-me-i-am-small-2012;
//   - programmes: jurisdiction, the name's slug and the start year;
//   - surveys: the series and year when there is a series (a series id
//     already names its country and question: de-smack-on-bottom-2005),
//     else jurisdiction-indicator-year: se-cp-approval-2010;
//   - sources: the URL's host and path (riksdagen-se-sfs-1949-381), or the
//     title's slug.
//
// Records that get the same id but differ in what identifies them (a
// provision's start date, a survey's respondents or population, a
// campaign's start) are told apart by -2, -3…, in the order of what
// identifies them, so the numbering does not depend on the order of rows.
// Records that agree in what identifies them are the same record: if they
// disagree in other facts, that is a conflict (assemble.go).

// generatesIDs reports whether the importer makes the ids of a table's
// records when the sheet gives none.
func generatesIDs(t *dataset.Table) bool {
	switch t.Name {
	case "provisions", "campaigns", "programmes", "surveys", "sources":
		return true
	}
	return false
}

// idBase returns the id a record would get before any -2, and what
// identifies it (records with the same identity are one record).
func idBase(t *dataset.Table, v []string) (base, identity string) {
	get := func(name string) string {
		if i := fieldIndex(t, name); i >= 0 {
			return v[i]
		}
		return ""
	}
	year := func(d string) string {
		if len(d) >= 4 {
			return d[:4]
		}
		return ""
	}
	join := func(parts ...string) string {
		var out []string
		for _, p := range parts {
			if p != "" {
				out = append(out, p)
			}
		}
		return strings.Join(out, "-")
	}
	j := strings.ToLower(get("jurisdiction"))
	switch t.Name {
	case "provisions":
		start := get("in_force")
		if start == "" {
			start = get("adopted")
		}
		return join(j, slug(get("setting"), 0), year(start)), join3(get("jurisdiction"), get("setting"), start)
	case "campaigns":
		codes := strings.Split(strings.ToLower(get("jurisdictions")), ";")
		js := strings.Join(codes, "-")
		if len(codes) > 3 {
			js = "regional"
		}
		return join(js, slug(get("name"), 40), year(get("start"))), join3(get("jurisdictions"), dataset.Fold(get("name")), get("start"))
	case "programmes":
		return join(j, slug(get("name"), 40), year(get("start"))), join3(get("jurisdiction"), dataset.Fold(get("name")), get("start"))
	case "surveys":
		id := join3(get("jurisdiction"), get("indicator"), get("year"), get("series"), get("respondents"), dataset.Fold(get("population")))
		if s := get("series"); s != "" {
			return join(s, get("year")), id
		}
		return join(j, slug(get("indicator"), 0), get("year")), id
	case "sources":
		if u := get("url"); u != "" {
			return urlID(u), "url " + normalURL(u)
		}
		return slug(get("title"), 60), "title " + dataset.Fold(get("title"))
	}
	return "", ""
}

func join3(parts ...string) string { return strings.Join(parts, "\x00") }

// urlID makes a source id of a URL: its host without "www." and its path,
// as a slug of at most 60 bytes (a longer one is cut and given a short hash
// of the whole URL, so that two long URLs do not meet).
func urlID(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return slug(raw, 60)
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	s := slug(host+" "+u.EscapedPath()+" "+u.RawQuery, 0)
	if len(s) <= 60 {
		return s
	}
	h := fnv.New32a()
	h.Write([]byte(normalURL(raw)))
	return fmt.Sprintf("%s-%08x", slug(s, 51), h.Sum32())
}

// normalURL is a URL as compared: no scheme, host lower case without
// "www.", no trailing slash.
func normalURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(raw)), "/")
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	s := host + strings.TrimSuffix(u.EscapedPath(), "/")
	if u.RawQuery != "" {
		s += "?" + u.RawQuery
	}
	return s
}

// assignIDs gives every record of recs without an id one made from its
// content, -2, -3… telling apart records that would get the same id but
// differ in identity. taken reports whether an id already belongs to some
// other record (for sources, whose ids must not meet unrelated ones).
func assignIDs(recs []*record, taken func(id, identity string) bool) {
	type group struct{ identities []string }
	groups := map[string]*group{}
	var todo []*record
	bases := map[*record][2]string{}
	for _, r := range recs {
		i := fieldIndex(r.table, "id")
		if i < 0 || r.values[i] != "" {
			continue
		}
		base, identity := idBase(r.table, r.values)
		if base == "" {
			continue
		}
		bases[r] = [2]string{base, identity}
		g := groups[base]
		if g == nil {
			g = &group{}
			groups[base] = g
		}
		if !slices.Contains(g.identities, identity) {
			g.identities = append(g.identities, identity)
		}
		todo = append(todo, r)
	}
	ids := map[string]string{} // base + identity → id
	names := make([]string, 0, len(groups))
	for b := range groups {
		names = append(names, b)
	}
	slices.Sort(names)
	used := map[string]bool{}
	for _, base := range names {
		g := groups[base]
		slices.Sort(g.identities)
		n := 1
		for _, identity := range g.identities {
			var id string
			for {
				id = base
				if n > 1 {
					id = fmt.Sprintf("%s-%d", base, n)
				}
				n++
				if !used[id] && (taken == nil || !taken(id, identity)) {
					break
				}
			}
			used[id] = true
			ids[base+"\x00"+identity] = id
		}
	}
	for _, r := range todo {
		b := bases[r]
		r.values[fieldIndex(r.table, "id")] = ids[b[0]+"\x00"+b[1]]
	}
}
