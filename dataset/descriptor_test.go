package dataset

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// The rules of the published Data Package v2.1 profile
// (https://datapackage.org/profiles/2.1/datapackage.json) and of the
// Table Schema and Table Dialect it refers to, as Go checks: required
// properties, types, patterns and the shapes of licenses, contributors,
// resources, schemas and dialects.
var (
	profilePath    = regexp.MustCompile(`^(https?://.*|[^./~][^\\]*)$`)
	profileLicense = regexp.MustCompile(`^[-a-zA-Z0-9._]+$`)
)

// checkProfile returns the ways desc breaks the profile's rules.
func checkProfile(desc []byte) []string {
	var bad []string
	fail := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	var p map[string]any
	if err := json.Unmarshal(desc, &p); err != nil {
		return []string{err.Error()}
	}
	str := func(obj map[string]any, key, where string, required bool) (string, bool) {
		v, ok := obj[key]
		if !ok {
			if required {
				fail("%s: %s is required", where, key)
			}
			return "", false
		}
		s, isStr := v.(string)
		if !isStr {
			fail("%s: %s must be a string, not %T", where, key, v)
		}
		return s, isStr
	}
	arr := func(obj map[string]any, key, where string, required bool) []any {
		v, ok := obj[key]
		if !ok {
			if required {
				fail("%s: %s is required", where, key)
			}
			return nil
		}
		a, isArr := v.([]any)
		if !isArr || len(a) == 0 {
			fail("%s: %s must be a non-empty array", where, key)
		}
		return a
	}
	if s, _ := str(p, "$schema", "package", true); s != Profile {
		fail("package: $schema is %q, not the 2.1 profile", s)
	}
	for _, k := range []string{"id", "name", "title", "description"} {
		str(p, k, "package", false)
	}
	for i, l := range arr(p, "licenses", "package", false) {
		where := fmt.Sprintf("licenses[%d]", i)
		lo, ok := l.(map[string]any)
		if !ok {
			fail("%s: must be an object", where)
			continue
		}
		name, hasName := str(lo, "name", where, false)
		path, hasPath := str(lo, "path", where, false)
		str(lo, "title", where, false)
		if !hasName && !hasPath {
			fail("%s: needs name or path", where)
		}
		if hasName && !profileLicense.MatchString(name) {
			fail("%s: name %q is not an Open Definition license id", where, name)
		}
		if hasPath && !profilePath.MatchString(path) {
			fail("%s: path %q is not a URL or a POSIX path", where, path)
		}
	}
	for i, c := range arr(p, "contributors", "package", false) {
		where := fmt.Sprintf("contributors[%d]", i)
		co, ok := c.(map[string]any)
		if !ok || len(co) == 0 {
			fail("%s: must be an object with a property", where)
			continue
		}
		str(co, "title", where, true) // ours: the profile asks for one property
		for _, k := range []string{"path", "email", "givenName", "familyName", "organization"} {
			str(co, k, where, false)
		}
		for j, r := range arr(co, "roles", where, false) {
			if _, ok := r.(string); !ok {
				fail("%s: roles[%d] must be a string", where, j)
			}
		}
	}
	names := map[string]bool{}
	for _, r := range arr(p, "resources", "package", true) {
		ro, ok := r.(map[string]any)
		if !ok {
			fail("resource: must be an object")
			continue
		}
		name, _ := str(ro, "name", "resource", true)
		names[name] = true
	}
	for i, r := range arr(p, "resources", "package", true) {
		ro, _ := r.(map[string]any)
		where := fmt.Sprintf("resources[%d]", i)
		if path, ok := str(ro, "path", where, true); ok && !profilePath.MatchString(path) {
			fail("%s: path %q is not a URL or a POSIX path", where, path)
		}
		if _, ok := ro["data"]; ok {
			fail("%s: has both path and data", where)
		}
		if ty, _ := str(ro, "type", where, false); ty != "table" {
			fail("%s: type %q is not table", where, ty)
		}
		dl, _ := ro["dialect"].(map[string]any)
		if dl == nil {
			fail("%s: no dialect", where)
		} else {
			for k, want := range map[string]any{"delimiter": ",", "quoteChar": `"`, "header": true, "lineTerminator": "\n"} {
				if dl[k] != want {
					fail("%s: dialect.%s is %#v, want %#v", where, k, dl[k], want)
				}
			}
		}
		sc, _ := ro["schema"].(map[string]any)
		if sc == nil {
			fail("%s: no schema", where)
			continue
		}
		fields := map[string]bool{}
		for j, f := range arr(sc, "fields", where+".schema", true) {
			fo, _ := f.(map[string]any)
			fw := fmt.Sprintf("%s.schema.fields[%d]", where, j)
			n, _ := str(fo, "name", fw, true)
			fields[n] = true
			switch ty, _ := str(fo, "type", fw, false); ty {
			case "string", "integer", "number", "boolean":
			case "list":
				if _, ok := str(fo, "delimiter", fw, false); !ok {
					fail("%s: a list needs a delimiter", fw)
				}
			default:
				fail("%s: type %q", fw, ty)
			}
		}
		for _, k := range arr(sc, "primaryKey", where+".schema", true) {
			if s, _ := k.(string); !fields[s] {
				fail("%s: primaryKey %v is no field", where, k)
			}
		}
		for j, fk := range arr(sc, "foreignKeys", where+".schema", false) {
			fo, _ := fk.(map[string]any)
			kw := fmt.Sprintf("%s.schema.foreignKeys[%d]", where, j)
			arr(fo, "fields", kw, true)
			ref, _ := fo["reference"].(map[string]any)
			if ref == nil {
				fail("%s: no reference", kw)
				continue
			}
			if res, ok := ref["resource"]; ok {
				if s, _ := res.(string); s == "" || !names[s] {
					fail("%s: reference.resource %q names no resource (omit it for the same table)", kw, res)
				}
			}
			arr(ref, "fields", kw+".reference", true)
		}
	}
	return bad
}

func TestDescriptorProfile(t *testing.T) {
	tests := []struct {
		name string
		info PackageInfo
	}{
		{"no metadata", PackageInfo{}},
		{"metadata", PackageInfo{
			ID:           "https://example.org/cpmap",
			Licenses:     []License{{Name: "CC-BY-4.0", Path: "https://creativecommons.org/licenses/by/4.0/", Title: "Creative Commons Attribution 4.0"}},
			Contributors: []Contributor{{Title: "A Researcher", Roles: []string{"creator"}}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			desc, err := Descriptor(tt.info)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range checkProfile(desc) {
				t.Error(b)
			}
			if strings.Contains(string(desc), `"resource": ""`) {
				t.Error(`descriptor holds "resource": ""`)
			}
			info, err := readPackageInfo(desc)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := fmt.Sprint(info), fmt.Sprint(tt.info); got != want {
				t.Errorf("package info read back = %s, want %s", got, want)
			}
		})
	}
}

// The checks themselves catch what they are for.
func TestCheckProfile(t *testing.T) {
	tests := []struct {
		name, desc, want string
	}{
		{"empty resource", `{"$schema":"` + Profile + `","resources":[{"name":"a","path":"a.csv","type":"table","dialect":{"delimiter":",","quoteChar":"\"","header":true,"lineTerminator":"\n"},"schema":{"fields":[{"name":"id","type":"string"}],"primaryKey":["id"],"foreignKeys":[{"fields":["id"],"reference":{"resource":"","fields":["id"]}}]}}]}`, "names no resource"},
		{"license without name or path", `{"$schema":"` + Profile + `","licenses":[{"title":"x"}],"resources":[]}`, "needs name or path"},
		{"contributor without title", `{"$schema":"` + Profile + `","contributors":[{"email":"a@b"}],"resources":[]}`, "title is required"},
		{"old profile", `{"$schema":"https://datapackage.org/profiles/2.0/datapackage.json","resources":[]}`, "not the 2.1 profile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(checkProfile([]byte(tt.desc)), "\n")
			if !strings.Contains(got, tt.want) {
				t.Errorf("checkProfile = %q, want it to say %q", got, tt.want)
			}
		})
	}
}
