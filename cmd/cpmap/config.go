package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

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
	if cfg.Validate.MaxVerifiedAgeDays < 0 {
		return cfg, usagef("config %s: validate.max_verified_age_days must not be negative", path)
	}
	return cfg, nil
}

func (c Config) String() string {
	return fmt.Sprintf("data=%s sources=%s out=%s group=%s", c.Data, c.Sources, c.Out, c.Group)
}
