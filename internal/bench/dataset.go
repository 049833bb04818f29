package bench

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/cpmap/cpmap/dataset"
)

// Config says how large a dataset Dataset makes.
type Config struct {
	// Seed chooses the data; the same Config always gives the same dataset.
	Seed uint64
	// Jurisdictions is the number of jurisdictions, real ISO 3166-1 codes
	// chosen by the seed (at most len(dataset.Countries())). Territories with
	// a known parent (FO and GL of DK, AX of FI, ...) come with their parent.
	Jurisdictions int
	// Years is the length of the history, ending with LastYear: every
	// provision timeline, commitment, campaign, programme and survey lies in
	// it.
	Years int
	// LastYear is the last year of the history. No generated fact starts
	// after it, so the dataset validates with any ValidateOptions.Now from
	// 1 January of the following year on.
	LastYear int
	// Campaigns and Programmes are the numbers of those records.
	Campaigns  int
	Programmes int
	// Surveys is the number of survey rows, in series of SeriesLength waves
	// (the last series may be shorter).
	Surveys      int
	SeriesLength int
	// Sources is the number of sources. Records cite them in turn, so every
	// source is cited when there are at least as many records as sources.
	Sources int
}

// DefaultConfig is the scale of the benchmarks: 200 jurisdictions with a
// 50-year history of six settings each, 10,000 campaigns, 10,000 programmes,
// 100,000 survey rows in series of ten waves and 1,000 sources.
func DefaultConfig() Config {
	return Config{
		Seed:          1,
		Jurisdictions: 200,
		Years:         50,
		LastYear:      2025,
		Campaigns:     10_000,
		Programmes:    10_000,
		Surveys:       100_000,
		SeriesLength:  10,
		Sources:       1_000,
	}
}

// Sizes returns the configurations the benchmarks run at, smallest first:
// 20 jurisdictions with 1,000 survey rows, 100 with 10,000, and
// DefaultConfig. Only the numbers of records differ.
func Sizes() []Config {
	small, medium := DefaultConfig(), DefaultConfig()
	small.Jurisdictions, small.Campaigns, small.Programmes, small.Surveys, small.Sources = 20, 100, 100, 1_000, 100
	medium.Jurisdictions, medium.Campaigns, medium.Programmes, medium.Surveys = 100, 1_000, 1_000, 10_000
	return []Config{small, medium, DefaultConfig()}
}

// Name names the size of a configuration for a sub-benchmark:
// "surveys=100000".
func (cfg Config) Name() string { return fmt.Sprintf("surveys=%d", cfg.Surveys) }

// check reports what makes cfg unusable.
func (cfg Config) check() error {
	var errs []error
	if n := len(dataset.Countries()); cfg.Jurisdictions < 1 || cfg.Jurisdictions > n {
		errs = append(errs, fmt.Errorf("jurisdictions %d: want 1–%d (the ISO 3166-1 codes)", cfg.Jurisdictions, n))
	}
	if cfg.Years < 1 {
		errs = append(errs, fmt.Errorf("years %d: want at least 1", cfg.Years))
	}
	if first := cfg.LastYear - cfg.Years + 1; first < 1100 || cfg.LastYear > 9000 {
		errs = append(errs, fmt.Errorf("history %d–%d: want years within 1100–9000", first, cfg.LastYear))
	}
	for _, c := range []struct {
		name string
		n    int
	}{{"campaigns", cfg.Campaigns}, {"programmes", cfg.Programmes}, {"surveys", cfg.Surveys}} {
		if c.n < 0 {
			errs = append(errs, fmt.Errorf("%s %d: want 0 or more", c.name, c.n))
		}
	}
	if cfg.Surveys > 0 && cfg.SeriesLength < 1 {
		errs = append(errs, fmt.Errorf("series length %d: want at least 1", cfg.SeriesLength))
	}
	if cfg.Sources < 1 {
		errs = append(errs, fmt.Errorf("sources %d: want at least 1 (every record cites one)", cfg.Sources))
	}
	return errors.Join(errs...)
}

// Dataset returns a dataset of the size cfg asks for, sorted by primary key.
// It passes Validate with no problem at all (given a Now after cfg.LastYear
// and enough records to cite every source): provision timelines do not
// overlap and move, period by period, from not_prohibited towards
// prohibited; every reference resolves; survey series keep one indicator,
// respondent group and jurisdiction. The error is for an unusable cfg.
func Dataset(cfg Config) (*dataset.Dataset, error) {
	if err := cfg.check(); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	g := &generator{cfg: cfg, first: cfg.LastYear - cfg.Years + 1, ds: &dataset.Dataset{}}
	g.sources()
	g.codes = Jurisdictions(cfg.Seed, cfg.Jurisdictions)
	g.jurisdictions()
	g.memberships()
	g.provisions()
	g.commitments()
	g.campaigns()
	g.programmes()
	g.surveys()
	g.ds.Sort()
	return g.ds, nil
}

// Streams of the random source, one per table.
const (
	streamCountries uint64 = iota + 1
	streamSources
	streamJurisdictions
	streamMemberships
	streamProvisions
	streamCommitments
	streamCampaigns
	streamProgrammes
	streamSurveys
	streamWorkbook
)

// territories maps the territories of the ISO table that belong to a state,
// to that state.
var territories = map[string]string{
	"AS": "US", "AW": "NL", "AX": "FI", "BM": "GB", "CW": "NL", "FO": "DK",
	"GF": "FR", "GG": "GB", "GI": "GB", "GL": "DK", "GP": "FR", "GU": "US",
	"HK": "CN", "IM": "GB", "JE": "GB", "MO": "CN", "MQ": "FR", "NC": "FR",
	"PF": "FR", "PR": "US", "RE": "FR", "SJ": "NO", "SX": "NL", "VI": "US",
	"YT": "FR",
}

// Jurisdictions returns n ISO 3166-1 alpha-2 codes chosen by seed, sorted. A
// territory of the territories table comes only with its parent state.
func Jurisdictions(seed uint64, n int) []string {
	all := dataset.Countries()
	n = max(0, min(n, len(all)))
	r := newRNG(seed, streamCountries)
	order := make([]string, len(all))
	for i, c := range all {
		order[i] = c.Alpha2
	}
	for i := len(order) - 1; i > 0; i-- { // Fisher–Yates
		j := r.intn(i + 1)
		order[i], order[j] = order[j], order[i]
	}
	chosen := map[string]bool{}
	var out []string
	add := func(c string) {
		if !chosen[c] {
			chosen[c] = true
			out = append(out, c)
		}
	}
	for _, c := range order {
		if len(out) == n {
			break
		}
		parent, isTerritory := territories[c]
		switch {
		case !isTerritory:
			add(c)
		case chosen[parent]:
			add(c)
		case len(out)+2 <= n:
			add(parent)
			add(c)
		}
	}
	// When no room was left for a territory and its parent, fill with states.
	for _, c := range order {
		if len(out) == n {
			break
		}
		if _, isTerritory := territories[c]; !isTerritory {
			add(c)
		}
	}
	slices.Sort(out)
	return out
}

// generator builds one dataset.
type generator struct {
	cfg   Config
	first int // first year of the history
	ds    *dataset.Dataset
	codes []string
	cites int // citations made so far, to cite sources in turn
}

// cite returns the id of the next source in turn.
func (g *generator) cite() string {
	id := g.ds.Sources[g.cites%len(g.ds.Sources)].ID
	g.cites++
	return id
}

// date returns a date in year of the given precision, on a day that exists
// in every month.
func date(r *rng, year int, p dataset.Precision) dataset.Date {
	d, err := dataset.NewDate(year, r.between(1, 12), r.between(1, 28), p)
	if err != nil { // unreachable: Config.check keeps years in range
		return dataset.Date{}
	}
	return d
}

// precision returns a precision for a date: mostly a day.
func precision(r *rng) dataset.Precision {
	switch n := r.intn(10); {
	case n < 7:
		return dataset.PrecisionDay
	case n < 9:
		return dataset.PrecisionMonth
	}
	return dataset.PrecisionYear
}

// withPrecision returns the date of t at precision p.
func withPrecision(t time.Time, p dataset.Precision) dataset.Date {
	d, err := dataset.NewDate(t.Year(), int(t.Month()), t.Day(), p)
	if err != nil { // unreachable: t is a real day within the checked years
		return dataset.Date{}
	}
	return d
}

func ptr[T any](v T) *T { return &v }

var (
	publishers = []string{
		"Global Initiative to End All Corporal Punishment of Children", "UNICEF", "Council of Europe",
		"Ministry of Social Affairs", "Ministry of Justice", "Statistics Office", "Ombudsman for Children",
		"Save the Children", "Council of the Baltic Sea States", "University Research Centre",
	}
	sourceTypes = dataset.Vocabularies["source_type"]
	reliability = dataset.Vocabularies["reliability"]
	licences    = []string{"CC BY 4.0", "CC BY-NC 4.0", "public domain", "all rights reserved", ""}
	topics      = []string{
		"corporal punishment of children", "positive parenting", "violence against children",
		"children's rights", "family law reform", "child protection", "school discipline",
	}
)

func (g *generator) sources() {
	r := newRNG(g.cfg.Seed, streamSources)
	g.ds.Sources = make([]dataset.Source, g.cfg.Sources)
	for i := range g.ds.Sources {
		id := fmt.Sprintf("src-%05d", i+1)
		year := r.between(g.first, g.cfg.LastYear)
		g.ds.Sources[i] = dataset.Source{
			ID:          id,
			Title:       fmt.Sprintf("Report %d on %s", i+1, pick(r, topics)),
			Publisher:   pick(r, publishers),
			URL:         "https://example.org/sources/" + id,
			Published:   date(r, year, precision(r)),
			Accessed:    date(r, g.cfg.LastYear, dataset.PrecisionDay),
			Type:        pick(r, sourceTypes),
			Reliability: pick(r, reliability),
			Licence:     pick(r, licences),
		}
	}
}

func (g *generator) jurisdictions() {
	r := newRNG(g.cfg.Seed, streamJurisdictions)
	for _, code := range g.codes {
		c, _ := dataset.LookupCountry(code)
		j := dataset.Jurisdiction{Code: code, Name: c.Name, Kind: dataset.State}
		if parent, ok := territories[code]; ok {
			j.Kind, j.Parent = dataset.Territory, parent
		}
		if r.chance(90) {
			j.ChildPopulation = ptr(r.between(2_000, 30_000_000))
			j.ChildPopulationYear = ptr(g.cfg.LastYear - r.intn(min(5, g.cfg.Years)))
			j.ChildPopulationSource = g.cite()
		}
		g.ds.Jurisdictions = append(g.ds.Jurisdictions, j)
	}
}

var groups = []string{"CBSS", "CoE", "EU", "OSCE", "UN"}

func (g *generator) memberships() {
	r := newRNG(g.cfg.Seed, streamMemberships)
	for _, code := range g.codes {
		for _, group := range groups {
			if !r.chance(40) {
				continue
			}
			from := r.between(g.first, g.cfg.LastYear)
			m := dataset.Membership{Jurisdiction: code, Group: group, From: date(r, from, precision(r))}
			if r.chance(10) {
				m.Until = date(r, from+1+r.intn(10), precision(r))
				m.Note = "membership ended"
			}
			g.ds.Memberships = append(g.ds.Memberships, m)
		}
	}
}

var (
	// ladder is the order in which a setting's status moves over time.
	ladder       = []dataset.Status{dataset.NotProhibited, dataset.Partial, dataset.UnlawfulNotExplicit, dataset.Prohibited}
	instruments  = []string{"Children Act", "Family Code", "Parenthood and Guardianship Code", "Education Act", "Criminal Code", "Child Protection Act", "Juvenile Justice Act", "Civil Code"}
	translations = dataset.Vocabularies["translation"]
	quotes       = []string{
		"Children shall not be subjected to corporal punishment or any other humiliating treatment.",
		"A child has the right to a non-violent upbringing.",
		"Physical punishment is not permitted as a disciplinary measure.",
		"Lapsella on oikeus väkivallattomaan kasvatukseen.",
		"Barn får inte utsättas för kroppslig bestraffning.",
		"Zakazuje się stosowania kar cielesnych.",
		"Телесные наказания детей запрещены.",
	}
)

func (g *generator) provisions() {
	r := newRNG(g.cfg.Seed, streamProvisions)
	for _, code := range g.codes {
		for _, setting := range dataset.Settings {
			g.timeline(r, code, setting)
		}
	}
}

// timeline adds the provisions of one jurisdiction and setting: periods that
// hand over on the same date, each a step up the ladder, the last open.
func (g *generator) timeline(r *rng, code string, setting dataset.Setting) {
	p := dataset.PrecisionDay
	if r.chance(20) {
		p = dataset.PrecisionYear
	}
	step := r.intn(3)
	year := g.first + r.intn(min(5, g.cfg.Years))
	start := date(r, year, p)
	status := ladder[step]
	if r.chance(5) {
		status = dataset.Unknown
	}
	prefix := strings.ToLower(code) + "-" + strings.ReplaceAll(string(setting), "_", "-")
	for k := 1; ; k++ {
		next := year + r.between(3, 20)
		last := status == dataset.Prohibited || next > g.cfg.LastYear
		prov := dataset.Provision{
			ID:           fmt.Sprintf("%s-%d", prefix, k),
			Jurisdiction: code,
			Setting:      setting,
			Status:       status,
			Confirmed:    ptr(r.chance(90)),
			InForce:      start,
			Instrument:   fmt.Sprintf("%s %d", pick(r, instruments), year),
			Provision:    fmt.Sprintf("art. %d", r.between(1, 300)),
			Translation:  dataset.Translation(pick(r, translations)),
			Source:       g.cite(),
			VerifiedOn:   date(r, r.between(max(year, g.cfg.LastYear-3), g.cfg.LastYear), dataset.PrecisionDay),
		}
		if r.chance(70) {
			prov.Adopted = withPrecision(start.Start().AddDate(0, 0, -r.between(30, 700)), p)
		}
		if r.chance(40) {
			prov.Quote = pick(r, quotes)
		}
		if status == dataset.ProhibitedUnidentified || r.chance(5) {
			prov.Notes = "legislation to be confirmed"
		}
		if !last {
			year = next
			start = date(r, year, p)
			prov.Until = start
		}
		g.ds.Provisions = append(g.ds.Provisions, prov)
		if last {
			return
		}
		switch {
		case status == dataset.Unknown:
			status = ladder[step]
		case r.chance(5):
			status = dataset.ProhibitedUnidentified
		default:
			step = min(step+r.between(1, 2), len(ladder)-1)
			status = ladder[step]
		}
	}
}

func (g *generator) commitments() {
	r := newRNG(g.cfg.Seed, streamCommitments)
	for _, code := range g.codes {
		if !r.chance(30) {
			continue
		}
		from := r.between(g.first, g.cfg.LastYear)
		c := dataset.Commitment{Jurisdiction: code, From: date(r, from, precision(r)), Source: g.cite()}
		if r.chance(30) {
			c.Until = date(r, from+1+r.intn(5), dataset.PrecisionYear)
			c.Notes = "Revoked by the following government."
		}
		g.ds.Commitments = append(g.ds.Commitments, c)
	}
}

var (
	campaignKinds = dataset.Vocabularies["campaign_kind"]
	leadTypes     = dataset.Vocabularies["lead_type"]
	audiences     = dataset.Vocabularies["audience"]
	channels      = dataset.Vocabularies["channel"]
	adjectives    = []string{"Positive", "Gentle", "Safe", "Non-violent", "Caring", "Respectful", "Calm", "Equal"}
	nouns         = []string{"Parenting", "Childhood", "Homes", "Upbringing", "Families", "Schools", "Discipline", "Care"}
	originals     = []string{
		"Väkivallaton kasvatus", "Bez klapsa", "Ohne Gewalt erziehen", "Uden vold", "Без насилия",
		"Vägivallatu lapsepõlv", "Be smurto", "Bez vardarbības", "Ofbeldislaust uppeldi", "Slå aldrig",
	}
	leads = []string{
		"Ministry of Social Affairs", "Ombudsman for Children", "Save the Children", "UNICEF",
		"Council of the Baltic Sea States", "National Institute for Health and Welfare", "Child Rights Network",
	}
)

// sorted returns xs sorted, as stored lists are.
func sorted(xs []string) []string {
	slices.Sort(xs)
	return xs
}

func (g *generator) campaigns() {
	r := newRNG(g.cfg.Seed, streamCampaigns)
	width := len(fmt.Sprint(g.cfg.Campaigns))
	for i := range g.cfg.Campaigns {
		c := campaign(r, g.codes, g.first, g.cfg.LastYear, i+1)
		c.ID = fmt.Sprintf("campaign-%0*d", width, i+1)
		c.Source = g.cite()
		g.ds.Campaigns = append(g.ds.Campaigns, c)
	}
}

// campaign returns the n-th campaign without id and source; the workbook
// rows use it too.
func campaign(r *rng, codes []string, first, last, n int) dataset.Campaign {
	js := []string{pick(r, codes)}
	if r.chance(15) {
		js = subset(r, codes, 2, 6)
	}
	year := r.between(first, last)
	c := dataset.Campaign{
		Jurisdictions: js,
		Kind:          dataset.CampaignKind(pick(r, campaignKinds)),
		Name:          fmt.Sprintf("%s %s %d", pick(r, adjectives), pick(r, nouns), n),
		Start:         date(r, year, precision(r)),
		Lead:          pick(r, leads),
		LeadType:      pick(r, leadTypes),
		Audiences:     sorted(subset(r, audiences, 1, 3)),
		Channels:      sorted(subset(r, channels, 1, 4)),
	}
	if r.chance(50) {
		c.NameOriginal = fmt.Sprintf("%s %d", pick(r, originals), n)
	}
	if r.chance(60) {
		c.End = date(r, year+r.between(1, 5), precision(r))
	}
	if r.chance(50) {
		c.Evaluated = ptr(r.chance(40))
	}
	return c
}

var (
	models    = []string{"Incredible Years", "Triple P", "PMTO", "ICDP", "Komet", "ACT Raising Safe Kids", "Circle of Security", "local model"}
	providers = []string{"municipality", "NGO", "health service", "family centre", "school", "church"}
	levels    = dataset.Vocabularies["level"]
	delivery  = dataset.Vocabularies["delivery"]
	evidence  = dataset.Vocabularies["evidence"]
)

func (g *generator) programmes() {
	r := newRNG(g.cfg.Seed, streamProgrammes)
	width := len(fmt.Sprint(g.cfg.Programmes))
	for i := range g.cfg.Programmes {
		p := programme(r, g.codes, g.first, g.cfg.LastYear, i+1)
		p.ID = fmt.Sprintf("programme-%0*d", width, i+1)
		p.Source = g.cite()
		g.ds.Programmes = append(g.ds.Programmes, p)
	}
}

// programme returns the n-th programme without id and source; the workbook
// rows use it too.
func programme(r *rng, codes []string, first, last, n int) dataset.Programme {
	model := pick(r, models)
	year := r.between(first, last)
	ageFrom := r.between(0, 12)
	p := dataset.Programme{
		Jurisdiction: pick(r, codes),
		Name:         fmt.Sprintf("%s group %d", model, n),
		Model:        model,
		Provider:     pick(r, providers),
		Level:        pick(r, levels),
		Delivery:     sorted(subset(r, delivery, 1, 2)),
		AgeFrom:      ptr(ageFrom),
		AgeTo:        ptr(r.between(ageFrom, 17)),
		Start:        date(r, year, dataset.PrecisionDay),
		Reach:        ptr(r.between(10, 20_000)),
		ReachYear:    ptr(r.between(year, last)),
		Evidence:     pick(r, evidence),
	}
	if r.chance(75) {
		p.End = date(r, year+r.between(1, 8), dataset.PrecisionDay)
	}
	return p
}

var (
	indicators  = dataset.Vocabularies["indicator"]
	respondents = dataset.Vocabularies["respondents"]
	methods     = dataset.Vocabularies["method"]
	populations = []string{"parents of children 0–12", "adults 18+", "children 11–17", "young adults 18–24", "parents of children 0–17"}
	questions   = []string{
		"Have you smacked your child in the past year?",
		"Were you ever hit by a parent as a child?",
		"Is it sometimes necessary to smack a child?",
		"Do you support a legal ban on corporal punishment?",
		"Is corporal punishment of children prohibited by law in this country?",
	}
)

func (g *generator) surveys() {
	r := newRNG(g.cfg.Seed, streamSurveys)
	n := g.cfg.Surveys
	width := len(fmt.Sprint(n))
	series := (n + g.cfg.SeriesLength - 1) / max(1, g.cfg.SeriesLength)
	swidth := len(fmt.Sprint(series))
	row := 0
	for s := range series {
		waves := min(g.cfg.SeriesLength, n-row)
		first := surveyRow(r, g.codes, g.first, g.cfg.LastYear, waves)
		first.Series = fmt.Sprintf("series-%0*d", swidth, s+1)
		first.Source = g.cite()
		tenths := int(math.Round(first.Value * 10)) // the value in tenths of a percent
		for w := range waves {
			sv := first
			sv.ID = fmt.Sprintf("survey-%0*d", width, row+1)
			sv.Year = min(first.Year+w*surveyGap(g.cfg.Years, waves), g.cfg.LastYear)
			sv.Value = float64(tenths) / 10
			sv.SampleSize = ptr(r.between(300, 5_000))
			if w > 0 && r.chance(5) {
				sv.Break = ptr(true)
			}
			g.ds.Surveys = append(g.ds.Surveys, sv)
			tenths = min(1000, max(0, tenths+r.between(-40, 30)))
			row++
		}
	}
}

// surveyGap is the number of years between waves of a series.
func surveyGap(years, waves int) int {
	if waves < 2 {
		return 1
	}
	return max(1, min(3, (years-1)/(waves-1)))
}

// surveyRow returns the first wave of a series of waves, without ids and
// source: the year leaves room for the later waves.
func surveyRow(r *rng, codes []string, first, last, waves int) dataset.Survey {
	span := (waves - 1) * surveyGap(last-first+1, waves)
	i := r.intn(len(indicators))
	return dataset.Survey{
		Jurisdiction: pick(r, codes),
		Indicator:    dataset.Indicator(indicators[i]),
		Year:         r.between(first, max(first, last-span)),
		Value:        float64(r.between(50, 950)) / 10,
		Respondents:  pick(r, respondents),
		Population:   pick(r, populations),
		Question:     questions[i%len(questions)],
		Method:       pick(r, methods),
	}
}
