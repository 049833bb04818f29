package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
	"github.com/spf13/viper"
)

// Config is config.yaml, decoded strictly: an unknown key is an error.
// Relative paths are relative to the folder of the config file.
type Config struct {
	// Data is the dataset folder (a data package).
	Data string `mapstructure:"data"`
	// Sources is the folder of source workbooks that build imports.
	Sources string `mapstructure:"sources"`
	// Out is the folder build writes the charts, summaries and pack into.
	Out string `mapstructure:"out"`
	// Synonyms is a folder of the user's synonym tables: CSV files named and
	// laid out as the built-in ones (headers.csv, countries.csv...) that
	// extend them; empty for none.
	Synonyms string `mapstructure:"synonyms"`
	// Group is the group of jurisdictions reports cover by default (e.g. CBSS).
	Group string `mapstructure:"group"`
	// Validate holds the validation settings.
	Validate ValidateConfig `mapstructure:"validate"`
	// Import holds the import settings.
	Import ImportConfig `mapstructure:"import"`
	// Progress holds the rubric of the five steps towards elimination.
	Progress ProgressConfig `mapstructure:"progress"`
	// Divergence holds the double-coding thresholds of cpmap divergence.
	Divergence DivergenceConfig `mapstructure:"divergence"`
	// Package holds the data package's metadata written into datapackage.json.
	Package PackageConfig `mapstructure:"package"`
}

// PackageConfig is the package section of config.yaml: the id, licenses
// and contributors that datapackage.json carries (see dataset.PackageInfo).
type PackageConfig struct {
	// ID is the data package's globally unique identifier (a URL, DOI or UUID).
	ID string `mapstructure:"id"`
	// Licenses are the licenses of the data; each needs a name or a path.
	Licenses []LicenseConfig `mapstructure:"licenses"`
	// Contributors are who made the data; each needs a title.
	Contributors []ContributorConfig `mapstructure:"contributors"`
}

// LicenseConfig is one license of the package section.
type LicenseConfig struct {
	Name  string `mapstructure:"name"`  // an Open Definition license id, e.g. CC-BY-4.0
	Path  string `mapstructure:"path"`  // a URL of the license text
	Title string `mapstructure:"title"` // its human-readable title
}

// ContributorConfig is one contributor of the package section.
type ContributorConfig struct {
	Title        string   `mapstructure:"title"`
	Path         string   `mapstructure:"path"`
	Email        string   `mapstructure:"email"`
	Organization string   `mapstructure:"organization"`
	Roles        []string `mapstructure:"roles"`
}

// licenseName is the pattern of an Open Definition license id, as the Data
// Package profile states it.
var licenseName = regexp.MustCompile(`^[-a-zA-Z0-9._]+$`)

// info returns the package section as dataset.PackageInfo.
func (c PackageConfig) info() dataset.PackageInfo {
	p := dataset.PackageInfo{ID: c.ID}
	for _, l := range c.Licenses {
		p.Licenses = append(p.Licenses, dataset.License(l))
	}
	for _, k := range c.Contributors {
		p.Contributors = append(p.Contributors, dataset.Contributor{Title: k.Title, Path: k.Path, Email: k.Email, Organization: k.Organization, Roles: k.Roles})
	}
	return p
}

// check returns what is wrong with the package section, or nil.
func (c PackageConfig) check() error {
	for i, l := range c.Licenses {
		if l.Name == "" && l.Path == "" {
			return fmt.Errorf("package.licenses[%d] needs a name (e.g. CC-BY-4.0) or a path (the license's URL)", i)
		}
		if l.Name != "" && !licenseName.MatchString(l.Name) {
			return fmt.Errorf("package.licenses[%d].name %q is not a license id (letters, digits, '-', '.', '_'; e.g. CC-BY-4.0)", i, l.Name)
		}
	}
	for i, k := range c.Contributors {
		if strings.TrimSpace(k.Title) == "" {
			return fmt.Errorf("package.contributors[%d] needs a title (a name)", i)
		}
	}
	return nil
}

// DivergenceConfig holds the double-coding rule of config.yaml (see
// divergence.Rule, which it mirrors): how much two researchers
// code independently, decided by their divergence rate.
type DivergenceConfig struct {
	// FullDoubleCodingUntil: while the divergence rate (percent) is at or
	// above this, double-code every record.
	FullDoubleCodingUntil float64 `mapstructure:"full_double_coding_until"`
	// SampleShare: below it, double-code this share of records (percent).
	SampleShare float64 `mapstructure:"sample_share"`
}

// ValidateConfig holds the validation settings of config.yaml.
type ValidateConfig struct {
	// MaxVerifiedAgeDays warns about provisions verified longer ago than this; 0 turns it off.
	MaxVerifiedAgeDays int `mapstructure:"max_verified_age_days"`
}

// ProgressConfig holds the rubric of config.yaml that decides each step of
// the progress towards elimination (see mapping.Rubric, which it mirrors).
type ProgressConfig struct {
	// PlanYears: an action plan that ended within this many years is partly met.
	PlanYears int `mapstructure:"plan_years"`
	// CampaignYears: a campaign counts when it ran within this many years.
	CampaignYears int `mapstructure:"campaign_years"`
	// CampaignAudiences: a campaign must reach one of these audiences.
	CampaignAudiences []string `mapstructure:"campaign_audiences"`
	// ProgrammeYears: a programme that ended within this many years still counts.
	ProgrammeYears int `mapstructure:"programme_years"`
	// ProgrammeLevels: a programme must be at one of these prevention levels.
	ProgrammeLevels []string `mapstructure:"programme_levels"`
	// ProgrammeEvidence: a programme must have one of these evaluation grades.
	ProgrammeEvidence []string `mapstructure:"programme_evidence"`
	// SurveyYears: the latest point of a survey series must lie within this many years.
	SurveyYears int `mapstructure:"survey_years"`
	// MinSurveyPoints: the comparable points a survey series needs.
	MinSurveyPoints int `mapstructure:"min_survey_points"`
	// StableChange: a trend changing by less than this many percentage points a year is stable.
	StableChange float64 `mapstructure:"stable_change"`
	// CoverageMonths: a complete search speaks for its day and this many months after it.
	CoverageMonths int `mapstructure:"coverage_months"`
}

// ImportConfig holds the import settings of config.yaml.
type ImportConfig struct {
	// MaxFileMB refuses input files larger than this many MiB.
	MaxFileMB int `mapstructure:"max_file_mb"`
	// PartRecords is how many campaigns, programmes and surveys an import
	// holds in memory; a larger import keeps them on disk and merges,
	// checks and writes them in parts of about this many. 0 holds all.
	PartRecords int `mapstructure:"part_records"`
	// LockWaitSeconds is how long an import or build waits for another
	// writer of the dataset to finish before it gives up.
	LockWaitSeconds int `mapstructure:"lock_wait_seconds"`
}

func defaultConfig() Config {
	return Config{
		Data:       "data",
		Sources:    "sources",
		Out:        "out",
		Group:      "CBSS",
		Validate:   ValidateConfig{MaxVerifiedAgeDays: 3 * 365},
		Import:     ImportConfig{MaxFileMB: 50, PartRecords: 10000, LockWaitSeconds: 10},
		Progress:   progressConfigOf(mapping.DefaultRubric()),
		Divergence: DivergenceConfig{FullDoubleCodingUntil: 5, SampleShare: 20},
		Package: PackageConfig{
			ID: "https://github.com/cpmap/cpmap/tree/main/data",
			Licenses: []LicenseConfig{{Name: "CC-BY-4.0", Path: "https://creativecommons.org/licenses/by/4.0/",
				Title: "Creative Commons Attribution 4.0 International"}},
			Contributors: []ContributorConfig{{Title: "cpmap contributors", Roles: []string{"creator"}}},
		},
	}
}

// loadConfig reads the config file at path onto the defaults. When explicit
// is false a missing file is not an error (the defaults apply).
func loadConfig(path string, explicit bool) (Config, error) {
	cfg := defaultConfig()
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) && !explicit {
			return cfg, nil
		}
		return cfg, usagef("config: %w", err)
	}
	v := viper.New()
	v.SetConfigFile(path)
	v.SetConfigType("yaml")
	if err := v.ReadInConfig(); err != nil {
		return cfg, usagef("config %s: %w", path, err)
	}
	// A list in the file replaces the default list whole (decoding would
	// otherwise write the file's items over the defaults' fields).
	if v.IsSet("package.licenses") {
		cfg.Package.Licenses = nil
	}
	if v.IsSet("package.contributors") {
		cfg.Package.Contributors = nil
	}
	if err := v.UnmarshalExact(&cfg); err != nil {
		return cfg, usagef("config %s: %s", path, strings.ReplaceAll(err.Error(), "\n", " "))
	}
	base := filepath.Dir(path)
	for _, p := range []*string{&cfg.Data, &cfg.Sources, &cfg.Out, &cfg.Synonyms} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(base, *p)
		}
	}
	if cfg.Import.MaxFileMB <= 0 {
		return cfg, usagef("config %s: import.max_file_mb must be positive", path)
	}
	if cfg.Import.LockWaitSeconds < 0 {
		return cfg, usagef("config %s: import.lock_wait_seconds must not be negative", path)
	}
	if cfg.Import.PartRecords < 0 {
		return cfg, usagef("config %s: import.part_records must be 0 (hold every record) or more", path)
	}
	if d := cfg.Divergence; d.FullDoubleCodingUntil <= 0 || d.FullDoubleCodingUntil > 100 || d.SampleShare <= 0 || d.SampleShare > 100 {
		return cfg, usagef("config %s: divergence.full_double_coding_until and divergence.sample_share are percentages above 0, at most 100", path)
	}
	if err := cfg.Package.check(); err != nil {
		return cfg, usagef("config %s: %w", path, err)
	}
	if cfg.Validate.MaxVerifiedAgeDays < 0 {
		return cfg, usagef("config %s: validate.max_verified_age_days must not be negative", path)
	}
	return cfg, nil
}

func (c Config) String() string {
	return fmt.Sprintf("data=%s sources=%s out=%s group=%s", c.Data, c.Sources, c.Out, c.Group)
}
