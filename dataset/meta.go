package dataset

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ImportsFile is the import log's file name in the data package's folder.
// It is not a resource of datapackage.json: it records how the tables came
// to be, and is no table of the dataset.
const ImportsFile = "imports.json"

// PackageInfo is the metadata of the data package that datapackage.json
// carries beside its resources. Empty fields are not written.
type PackageInfo struct {
	ID           string        // a globally unique identifier (a URL or a UUID)
	Licenses     []License     // the licenses of the data
	Contributors []Contributor // who made it
}

// License is one license of the data package: Name (an Open Definition
// license id such as "CC-BY-4.0") or Path (a URL), or both.
type License struct {
	Name  string `json:"name,omitempty"`
	Path  string `json:"path,omitempty"`
	Title string `json:"title,omitempty"`
}

// Contributor is one contributor of the data package; Title is required.
type Contributor struct {
	Title        string   `json:"title"`
	Path         string   `json:"path,omitempty"`
	Email        string   `json:"email,omitempty"`
	Organization string   `json:"organization,omitempty"`
	Roles        []string `json:"roles,omitempty"`
}

// Import is one entry of the import log: a file imported into the dataset,
// as it was when it was last imported.
type Import struct {
	Path    string         `json:"path"`    // relative, with forward slashes (sources/latvija.xlsx)
	SHA256  string         `json:"sha256"`  // of the file's bytes, lowercase hex
	Date    string         `json:"date"`    // when it was imported, RFC 3339 in UTC
	Records map[string]int `json:"records"` // the records it held, by table
}

// SetImport records im in the log, replacing the entry of its path, and
// keeps the log sorted by path.
func (ds *Dataset) SetImport(im Import) {
	i, found := slices.BinarySearchFunc(ds.Imports, im.Path, func(e Import, p string) int { return strings.Compare(e.Path, p) })
	if found {
		ds.Imports[i] = im
		return
	}
	ds.Imports = slices.Insert(ds.Imports, i, im)
}

// ImportOf returns the log's entry for path, and whether there is one.
func (ds *Dataset) ImportOf(path string) (Import, bool) {
	for _, e := range ds.Imports {
		if e.Path == path {
			return e, true
		}
	}
	return Import{}, false
}

// encodeImports returns the import log's file: the entries sorted by path.
func encodeImports(log []Import) ([]byte, error) {
	log = slices.Clone(log)
	slices.SortStableFunc(log, func(a, b Import) int { return strings.Compare(a.Path, b.Path) })
	var v struct {
		Imports []Import `json:"imports"`
	}
	v.Imports = log
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// ReadImports reads the import log of the data package in dir; a missing
// log is an empty one.
func ReadImports(dir string) ([]Import, error) {
	b, err := os.ReadFile(filepath.Join(dir, ImportsFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var v struct {
		Imports []Import `json:"imports"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ImportsFile), err)
	}
	return v.Imports, nil
}

// readPackageInfo reads the metadata of a descriptor's bytes.
func readPackageInfo(b []byte) (PackageInfo, error) {
	var v struct {
		ID           string        `json:"id"`
		Licenses     []License     `json:"licenses"`
		Contributors []Contributor `json:"contributors"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return PackageInfo{}, err
	}
	return PackageInfo{ID: v.ID, Licenses: v.Licenses, Contributors: v.Contributors}, nil
}
