"""Named entities: the tagger, rules and grouping together on short French and English news passages.

Hand-written sentences are regression tests, not a measure of quality (that is benchmarks/quality_ner.py).
"""

from __future__ import annotations

from collections import Counter

from article_core.analyze.entities import extract_entities, tag_mentions


def _by_text(text: str, language: str = "fr") -> dict[str, str]:
    return {e.text: e.type for e in extract_entities(text, language)}


def test_people_places_and_no_sentence_initial_common_words() -> None:
    # Given French wire copy whose sentences open with capitalised common words
    text = (
        "Le président américain Donald Trump a parlé mercredi avec Vladimir Poutine.\n\n"
        "Vendredi, les délégations se retrouveront à Istanbul, en Turquie. Ces échanges ont été préparés à Moscou."
    )
    # When entities are extracted
    found = _by_text(text)
    # Then people and places are typed, and "Le", "Vendredi", "Ces" are not entities
    assert found["Donald Trump"] == "PER"
    assert found["Vladimir Poutine"] == "PER"
    assert found["Istanbul"] == "LOC"
    assert found["Turquie"] == "LOC"
    assert found["Moscou"] == "LOC"
    assert not {"Le", "Vendredi", "Ces", "Le président"} & found.keys()


def test_surname_and_parenthesised_given_name_merge_into_one_person() -> None:
    # Given a person named in full, then by surname, and one written "(Vladimir) Medinski"
    text = (
        "Le ministre Sergueï Lavrov a parlé. Lavrov a ensuite rencontré la délégation dirigée par (Vladimir) Medinski. "
        "Vladimir Medinski a répondu."
    )
    # When entities are extracted
    entities = {e.text: e for e in extract_entities(text, "fr")}
    # Then each is one entity with its count and its variants as written
    assert entities["Sergueï Lavrov"].count == 2
    assert set(entities["Sergueï Lavrov"].variants) == {"Sergueï Lavrov", "Lavrov"}
    assert "Lavrov" not in entities
    assert entities["Vladimir Medinski"].variants[0] == "(Vladimir) Medinski"
    assert entities["Vladimir Medinski"].start == text.index("(Vladimir)")


def test_capitalised_nouns_after_an_article_are_not_people() -> None:
    # Given a minister's title with capitalised ministry names
    text = "Le ministre ukrainien de la Défense, Roustem Oumerov, a parlé au ministère des Affaires étrangères."
    # When entities are extracted
    found = _by_text(text)
    # Then the person is found and the ministry words are not people
    assert found.get("Roustem Oumerov") == "PER"
    assert found.get("Défense") != "PER"
    assert found.get("Affaires") != "PER"


def test_organisations_from_cue_words_and_particles_inside_names() -> None:
    # Given organisation names and a name with a particle
    text = "Il a rejoint la Ligue nationale de hockey puis Acme Corp, selon Charles de Gaulle, à Paris."
    # When mentions are tagged
    mentions = {(m.text, m.type) for m in tag_mentions(text, "fr")}
    # Then each is one span of the right type
    assert ("Ligue nationale de hockey", "ORG") in mentions
    assert ("Acme Corp", "ORG") in mentions
    assert ("Charles de Gaulle", "PER") in mentions
    assert ("Paris", "LOC") in mentions


def test_english_titles_and_places() -> None:
    # Given English news text
    text = (
        "The talks in London were led by President Joe Biden. "
        "However, Biden said Germany and the University of Oxford agreed."
    )
    # When entities are extracted
    found = _by_text(text, "en")
    # Then people, places and organisations are found, sentence openers are not
    assert found["Joe Biden"] == "PER"
    assert found["London"] == "LOC"
    assert found["Germany"] == "LOC"
    assert found["University of Oxford"] == "ORG"
    assert not {"The", "However"} & found.keys()


# English sentences written for the rule tagger's tests (not taken from any corpus), with the (surface, type)
# pairs a reader would mark. Kept as a regression test of the learned tagger: they are not a quality figure
# (benchmarks/quality_ner.py measures on the corpora).
ENGLISH_SILVER: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Prime Minister Keir Starmer met Emmanuel Macron in Paris on Thursday.",
        [("Keir Starmer", "PER"), ("Emmanuel Macron", "PER"), ("Paris", "LOC")],
    ),
    (
        "The European Central Bank left interest rates unchanged, President Christine Lagarde said in Frankfurt.",
        [("European Central Bank", "ORG"), ("Christine Lagarde", "PER"), ("Frankfurt", "LOC")],
    ),
    (
        "Shares of Apple fell 3% after the company warned of weaker demand in China.",
        [("Apple", "ORG"), ("China", "LOC")],
    ),
    (
        "Volodymyr Zelensky thanked Germany for the new air-defence systems.",
        [("Volodymyr Zelensky", "PER"), ("Germany", "LOC")],
    ),
    (
        "Floods hit the Rhine valley near Cologne, forcing thousands to leave their homes.",
        [("Rhine", "LOC"), ("Cologne", "LOC")],
    ),
    (
        "Microsoft Corp. agreed to buy the start-up for $2 billion, according to Reuters.",
        [("Microsoft Corp.", "ORG"), ("Reuters", "ORG")],
    ),
    (
        "Senator Elizabeth Warren criticised the Federal Reserve on Tuesday.",
        [("Elizabeth Warren", "PER"), ("Federal Reserve", "ORG")],
    ),
    (
        "Real Madrid beat Bayern Munich 2-1 in the Champions League semi-final.",
        [("Real Madrid", "ORG"), ("Bayern Munich", "ORG")],
    ),
    (
        "The World Health Organization said the outbreak in Nigeria was under control.",
        [("World Health Organization", "ORG"), ("Nigeria", "LOC")],
    ),
    (
        "Speaking in Nairobi, Antonio Guterres urged donors to act quickly.",
        [("Nairobi", "LOC"), ("Antonio Guterres", "PER")],
    ),
    (
        "Guterres added that the United Nations would send a team to Sudan.",
        [("Guterres", "PER"), ("United Nations", "ORG"), ("Sudan", "LOC")],
    ),
    (
        "Tesla chief executive Elon Musk visited the Berlin factory last week.",
        [("Tesla", "ORG"), ("Elon Musk", "PER"), ("Berlin", "LOC")],
    ),
    ("Police in Manchester arrested two men after the attack, officials said.", [("Manchester", "LOC")]),
    (
        "Oxford University researchers published the study with Harvard Medical School.",
        [("Oxford University", "ORG"), ("Harvard Medical School", "ORG")],
    ),
    (
        "Narendra Modi arrived in Washington for talks at the White House.",
        [("Narendra Modi", "PER"), ("Washington", "LOC"), ("White House", "LOC")],
    ),
    (
        "The Labour Party won the by-election in Wales, its spokeswoman Angela Rayner said.",
        [("Labour Party", "ORG"), ("Wales", "LOC"), ("Angela Rayner", "PER")],
    ),
    (
        "Google and Amazon face new rules from the European Commission.",
        [("Google", "ORG"), ("Amazon", "ORG"), ("European Commission", "ORG")],
    ),
    ("Hurricane winds battered the coast of Florida and the Bahamas.", [("Florida", "LOC"), ("Bahamas", "LOC")]),
    (
        "Taylor Swift will play three concerts at Wembley Stadium in London.",
        [("Taylor Swift", "PER"), ("Wembley Stadium", "LOC"), ("London", "LOC")],
    ),
    ("Boeing said deliveries to Ryanair would resume in March.", [("Boeing", "ORG"), ("Ryanair", "ORG")]),
    (
        "Mr Sunak told the BBC that Britain would stay the course.",
        [("Sunak", "PER"), ("BBC", "ORG"), ("Britain", "LOC")],
    ),
    (
        "Thousands marched through Buenos Aires to protest against Javier Milei's reforms.",
        [("Buenos Aires", "LOC"), ("Javier Milei", "PER")],
    ),
    (
        "NATO Secretary General Mark Rutte visited troops in Estonia.",
        [("NATO", "ORG"), ("Mark Rutte", "PER"), ("Estonia", "LOC")],
    ),
    ("The Supreme Court ruled against the state of Texas on Monday.", [("Supreme Court", "ORG"), ("Texas", "LOC")]),
    (
        "Novak Djokovic lost to Carlos Alcaraz in the final at Wimbledon.",
        [("Novak Djokovic", "PER"), ("Carlos Alcaraz", "PER"), ("Wimbledon", "LOC")],
    ),
    (
        "Goldman Sachs and JPMorgan Chase reported higher profits.",
        [("Goldman Sachs", "ORG"), ("JPMorgan Chase", "ORG")],
    ),
    ("A spokesman for Toyota Motor said production in Japan had stopped.", [("Toyota Motor", "ORG"), ("Japan", "LOC")]),
    ("Chancellor Olaf Scholz spoke to Xi Jinping by phone.", [("Olaf Scholz", "PER"), ("Xi Jinping", "PER")]),
    ("The fire spread from the Sierra Nevada toward Lake Tahoe.", [("Sierra Nevada", "LOC"), ("Lake Tahoe", "LOC")]),
    ("Scholz later told reporters in Berlin that the talks were useful.", [("Scholz", "PER"), ("Berlin", "LOC")]),
    (
        "Greenpeace activists boarded a Shell platform in the North Sea.",
        [("Greenpeace", "ORG"), ("Shell", "ORG"), ("North Sea", "LOC")],
    ),
    (
        "Dr. Anthony Fauci testified before the House committee in Washington.",
        [("Anthony Fauci", "PER"), ("House", "ORG"), ("Washington", "LOC")],
    ),
    # English wire patterns (datelines, organisation names joined by of/for/and, appositions): tuning examples.
    (
        "MADRID (AP) — Spain's government approved a housing plan on Tuesday.",
        [("MADRID", "LOC"), ("AP", "ORG"), ("Spain", "LOC")],
    ),
    (
        "The Bank of Canada held rates at 3 percent, Governor Tiff Macklem said.",
        [("Bank of Canada", "ORG"), ("Tiff Macklem", "PER")],
    ),
    ("The Office for Students fined the university for breaching its rules.", [("Office for Students", "ORG")]),
    (
        "Paul Nowak, general secretary of the Trades Union Congress, called for talks.",
        [("Paul Nowak", "PER"), ("Trades Union Congress", "ORG")],
    ),
    (
        "Helen Dickinson, chief executive of Hartwell Retail Group, said sales were weak.",
        [("Helen Dickinson", "PER"), ("Hartwell Retail Group", "ORG")],
    ),
    ("Water UK said bills would rise by an average of 26 percent.", [("Water UK", "ORG")]),
    (
        "SEOUL, South Korea (AP) — North Korea fired a missile into the sea, South Korea's military said.",
        [("SEOUL", "LOC"), ("South Korea", "LOC"), ("AP", "ORG"), ("North Korea", "LOC"), ("South Korea", "LOC")],
    ),
    (
        "Simon Clarke, the council's director of housing, said repairs would start in May.",
        [("Simon Clarke", "PER")],
    ),
    ("Passenger watchdog London TravelWatch criticised the changes.", [("London TravelWatch", "ORG")]),
    (
        "The Royal Society for the Protection of Birds bought the reserve near Norwich.",
        [("Royal Society for the Protection of Birds", "ORG"), ("Norwich", "LOC")],
    ),
    (
        "Officials from the Department for Business and Trade met union leaders in Leeds.",
        [("Department for Business and Trade", "ORG"), ("Leeds", "LOC")],
    ),
    (
        "Britain and France signed the treaty, Downing Street said.",
        [("Britain", "LOC"), ("France", "LOC"), ("Downing Street", "LOC")],
    ),
    (
        "Ms Okafor, an analyst at Redwood Partners, expects Ocado to cut prices.",
        [("Okafor", "PER"), ("Redwood Partners", "ORG"), ("Ocado", "ORG")],
    ),
]

ENGLISH_HELD_OUT: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Pope Francis received Joe Biden at the Vatican on Friday.",
        [("Francis", "PER"), ("Joe Biden", "PER"), ("Vatican", "LOC")],
    ),
    (
        "The International Monetary Fund cut its growth forecast for Argentina.",
        [("International Monetary Fund", "ORG"), ("Argentina", "LOC")],
    ),
    (
        "Sources at Deutsche Bank said the lender would cut jobs in London and Frankfurt.",
        [("Deutsche Bank", "ORG"), ("London", "LOC"), ("Frankfurt", "LOC")],
    ),
    (
        "Kylian Mbappe scored twice as Paris Saint-Germain beat Lyon.",
        [("Kylian Mbappe", "PER"), ("Paris Saint-Germain", "ORG"), ("Lyon", "ORG")],
    ),
    (
        "Defence Secretary John Healey flew to Kyiv for talks with Ukrainian officials.",
        [("John Healey", "PER"), ("Kyiv", "LOC")],
    ),
    (
        "Protesters gathered outside the headquarters of Unilever in Rotterdam.",
        [("Unilever", "ORG"), ("Rotterdam", "LOC")],
    ),
    (
        "The Democratic Party nominee, Kamala Harris, campaigned in Pennsylvania.",
        [("Democratic Party", "ORG"), ("Kamala Harris", "PER"), ("Pennsylvania", "LOC")],
    ),
    ("Residents of Gaza City fled south as Israeli troops advanced.", [("Gaza City", "LOC")]),
    (
        "Sir David Attenborough narrated the new series for Netflix.",
        [("David Attenborough", "PER"), ("Netflix", "ORG")],
    ),
    (
        "Analysts at Morgan Stanley expect Nvidia to report record sales.",
        [("Morgan Stanley", "ORG"), ("Nvidia", "ORG")],
    ),
    ("Heavy snow closed roads across Scotland and northern England.", [("Scotland", "LOC"), ("England", "LOC")]),
    ("Judge Amy Coney Barrett wrote the majority opinion.", [("Amy Coney Barrett", "PER")]),
    (
        "The Red Cross delivered aid to Port-au-Prince after the earthquake.",
        [("Red Cross", "ORG"), ("Port-au-Prince", "LOC")],
    ),
    (
        "Angela Merkel and Vladimir Putin met in Sochi in 2019.",
        [("Angela Merkel", "PER"), ("Vladimir Putin", "PER"), ("Sochi", "LOC")],
    ),
    ("A spokeswoman for the University of Toronto declined to comment.", [("University of Toronto", "ORG")]),
]

# Written for the English-news pass of the rule tagger (datelines, organisation names with of/for/and,
# appositions). Fictional names are deliberate.
ENGLISH_HELD_OUT_NEWS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "WASHINGTON (AP) — The Senate passed the spending bill late on Friday, sending it to President Donald Trump.",
        [("WASHINGTON", "LOC"), ("AP", "ORG"), ("Senate", "ORG"), ("Donald Trump", "PER")],
    ),
    (
        "PARIS (Reuters) - French lawmakers approved a pension overhaul on Wednesday after months of protests.",
        [("PARIS", "LOC"), ("Reuters", "ORG")],
    ),
    (
        "The Office for Budget Responsibility cut its forecast for economic growth this year.",
        [("Office for Budget Responsibility", "ORG")],
    ),
    (
        "Andrew Bailey, the governor of the Bank of England, warned that inflation would stay high.",
        [("Andrew Bailey", "PER"), ("Bank of England", "ORG")],
    ),
    (
        "Sarah Collins, chief executive of Harbourview Housing, said tenants had been let down.",
        [("Sarah Collins", "PER"), ("Harbourview Housing", "ORG")],
    ),
    (
        "The National Union of Teachers and Lecturers called a ballot on industrial action.",
        [("National Union of Teachers and Lecturers", "ORG")],
    ),
    (
        "Officials at the Department of Health and Social Care declined to comment.",
        [("Department of Health and Social Care", "ORG")],
    ),
    (
        "TOKYO (AP) — Toyota recalled 200,000 vehicles in Japan and the United States over a brake fault.",
        [("TOKYO", "LOC"), ("AP", "ORG"), ("Toyota", "ORG"), ("Japan", "LOC"), ("United States", "LOC")],
    ),
    (
        "Greg Mathers, the federation's head of policy, said small firms could not absorb the rise.",
        [("Greg Mathers", "PER")],
    ),
    (
        "The Federation of Small Businesses urged ministers to delay the tax increase.",
        [("Federation of Small Businesses", "ORG")],
    ),
    (
        "Firefighters battled the blaze for six hours, a spokesman for Kent Fire and Rescue Service said.",
        [("Kent Fire and Rescue Service", "ORG")],
    ),
    (
        "Shares in Barclays rose 2 percent in London after the bank announced a buyback.",
        [("Barclays", "ORG"), ("London", "LOC")],
    ),
    (
        "Health Secretary Wes Streeting told MPs that waiting lists had started to fall.",
        [("Wes Streeting", "PER")],
    ),
    (
        "The Met Office issued an amber warning for heavy rain across Wales and south-west England.",
        [("Met Office", "ORG"), ("Wales", "LOC"), ("England", "LOC")],
    ),
    (
        "NAIROBI, Kenya (AP) — Heavy flooding has displaced more than 40,000 people in western Kenya, the Kenya Red "
        "Cross said.",
        [("NAIROBI", "LOC"), ("Kenya", "LOC"), ("AP", "ORG"), ("Kenya", "LOC"), ("Kenya Red Cross", "ORG")],
    ),
    (
        "Lisa Nandy, the culture secretary, met executives from the Premier League in Manchester.",
        [("Lisa Nandy", "PER"), ("Premier League", "ORG"), ("Manchester", "LOC")],
    ),
    (
        "The strike was called by the Royal College of Nursing after members rejected the offer.",
        [("Royal College of Nursing", "ORG")],
    ),
    (
        "Environmental group Friends of the Earth said the ruling was a victory for local residents.",
        [("Friends of the Earth", "ORG")],
    ),
    (
        "Police Scotland said a 34-year-old man had been arrested in Glasgow.",
        [("Police Scotland", "ORG"), ("Glasgow", "LOC")],
    ),
    (
        "The World Bank approved a $500 million loan to Pakistan for flood reconstruction.",
        [("World Bank", "ORG"), ("Pakistan", "LOC")],
    ),
    (
        "Maria Lopez, an economist at Capital Economics, said the figures pointed to a slowdown.",
        [("Maria Lopez", "PER"), ("Capital Economics", "ORG")],
    ),
    (
        "The deal still needs approval from the Competition and Markets Authority.",
        [("Competition and Markets Authority", "ORG")],
    ),
    (
        "BERLIN (AP) — Chancellor Friedrich Merz said Germany would raise defence spending.",
        [("BERLIN", "LOC"), ("AP", "ORG"), ("Friedrich Merz", "PER"), ("Germany", "LOC")],
    ),
    ("Passengers at Heathrow Airport faced long delays after a power cut.", [("Heathrow Airport", "LOC")]),
    (
        "Amazon workers in Coventry voted narrowly against joining the GMB union.",
        [("Amazon", "ORG"), ("Coventry", "LOC"), ("GMB", "ORG")],
    ),
    (
        "The report was published by the Institute for Fiscal Studies on Monday.",
        [("Institute for Fiscal Studies", "ORG")],
    ),
    (
        "Jonathan Reynolds, the business secretary, is expected to visit the Port Talbot steelworks.",
        [("Jonathan Reynolds", "PER"), ("Port Talbot", "LOC")],
    ),
    (
        "Residents in Valencia demanded the resignation of regional leader Carlos Mazón.",
        [("Valencia", "LOC"), ("Carlos Mazón", "PER")],
    ),
    (
        "The Food and Drug Administration approved the drug for children over 12.",
        [("Food and Drug Administration", "ORG")],
    ),
    (
        "Unite, Britain's largest union, said its members at Heathrow would walk out.",
        [("Unite", "ORG"), ("Britain", "LOC"), ("Heathrow", "LOC")],
    ),
    (
        "The Ministry of Defence confirmed that two soldiers had been injured in Estonia.",
        [("Ministry of Defence", "ORG"), ("Estonia", "LOC")],
    ),
    (
        "A spokeswoman for Thames Water said engineers were working to restore supplies in Oxford.",
        [("Thames Water", "ORG"), ("Oxford", "LOC")],
    ),
    ("Mayor Karen Bass said Los Angeles would rebuild quickly.", [("Karen Bass", "PER"), ("Los Angeles", "LOC")]),
    (
        "Rachel Reeves will deliver her budget to Parliament on Wednesday, the Treasury said.",
        [("Rachel Reeves", "PER"), ("Parliament", "ORG"), ("Treasury", "ORG")],
    ),
    (
        "The Association of British Insurers estimated claims at 300 million pounds.",
        [("Association of British Insurers", "ORG")],
    ),
    ("Citizens Advice said calls about energy debt had doubled since January.", [("Citizens Advice", "ORG")]),
    (
        "Former captain Owen Farrell joined Racing 92 in Paris last season.",
        [("Owen Farrell", "PER"), ("Racing 92", "ORG"), ("Paris", "LOC")],
    ),
    ("Investors sold shares of Rolls-Royce after the engine maker lowered its outlook.", [("Rolls-Royce", "ORG")]),
    (
        "ROME (AP) — Pope Leo XIV met Italian Prime Minister Giorgia Meloni at the Vatican.",
        [("ROME", "LOC"), ("AP", "ORG"), ("Leo XIV", "PER"), ("Giorgia Meloni", "PER"), ("Vatican", "LOC")],
    ),
    (
        "The Bank for International Settlements warned about rising public debt.",
        [("Bank for International Settlements", "ORG")],
    ),
    (
        "Ed Miliband, the energy secretary, opened a wind farm off the coast of Norfolk.",
        [("Ed Miliband", "PER"), ("Norfolk", "LOC")],
    ),
    (
        "A report by Amnesty International accused security forces in Sudan of abuses.",
        [("Amnesty International", "ORG"), ("Sudan", "LOC")],
    ),
    ("Network operators told the regulator, Ofcom, that prices would rise in April.", [("Ofcom", "ORG")]),
    (
        "The Confederation of British Industry said business confidence fell in the third quarter.",
        [("Confederation of British Industry", "ORG")],
    ),
    (
        "Tom Hughes, a spokesperson for the Road Haulage Association, said drivers were exhausted.",
        [("Tom Hughes", "PER"), ("Road Haulage Association", "ORG")],
    ),
    (
        "Fighting continued around Pokrovsk, Ukraine's military said, as Russian forces pressed their advance.",
        [("Pokrovsk", "LOC"), ("Ukraine", "LOC")],
    ),
    (
        "The Electoral Commission fined the party 20,000 pounds for failing to report donations.",
        [("Electoral Commission", "ORG")],
    ),
    (
        "Doctors at Great Ormond Street Hospital performed the operation in March.",
        [("Great Ormond Street Hospital", "ORG")],
    ),
]


def _micro_f1(sentences: list[tuple[str, list[tuple[str, str]]]]) -> float:
    hit = predicted = gold_total = 0
    for text, gold in sentences:
        expected = Counter(gold)
        found = Counter((m.text, m.type) for m in tag_mentions(text, "en") if m.type in {"PER", "LOC", "ORG"})
        hit += sum((expected & found).values())
        predicted += sum(found.values())
        gold_total += sum(expected.values())
    precision, recall = hit / max(predicted, 1), hit / max(gold_total, 1)
    return 2 * precision * recall / (precision + recall) if hit else 0.0


def test_english_news_sentences_are_tagged_with_few_mistakes() -> None:
    # Given short English news sentences annotated by hand (people, places, organisations)
    sentences = ENGLISH_SILVER + ENGLISH_HELD_OUT + ENGLISH_HELD_OUT_NEWS
    # When each sentence is tagged on its own
    f1 = _micro_f1(sentences)
    # Then most entities are found with the right type and few spurious ones appear
    assert f1 >= 0.85


def test_titles_inside_a_capitalised_run_split_organisation_and_person() -> None:
    # Given an organisation, a capitalised title and a person in one capitalised run
    text = "NATO Secretary General Mark Rutte visited troops in Estonia."
    # When mentions are tagged
    mentions = {(m.text, m.type) for m in tag_mentions(text, "en")}
    # Then the organisation and the person are two mentions, without the title
    assert mentions == {("NATO", "ORG"), ("Mark Rutte", "PER"), ("Estonia", "LOC")}


def test_sports_teams_and_quoted_titles_are_not_people() -> None:
    # Given a team named after its city, a club followed by its city, and a song title in quotes
    text = "Il a joué pour les Blue Jays de Toronto puis pour Dinamo Zagreb. Elle a chanté « Tainted Love » à Londres."
    # When mentions are tagged
    mentions = {(m.text, m.type) for m in tag_mentions(text, "fr")}
    # Then the teams are organisations, the title is not a person, the city is a place
    assert ("Blue Jays de Toronto", "ORG") in mentions
    assert ("Dinamo Zagreb", "ORG") in mentions
    assert ("Tainted Love", "PER") not in mentions
    assert ("Londres", "LOC") in mentions


def test_lone_unknown_name_after_a_place_preposition_is_a_place() -> None:
    # Given lone capitalised names after "à" and "l'", and a ministry portfolio after "de la"
    text = "Il est né à Mayence, au bord de l'Adour. Le ministre de la Défense, Jean Martin, a parlé."
    # When mentions are tagged
    mentions = {(m.text, m.type) for m in tag_mentions(text, "fr")}
    # Then the names are places and the portfolio is not an entity
    assert ("Mayence", "LOC") in mentions
    assert ("Adour", "LOC") in mentions
    assert ("Jean Martin", "PER") in mentions
    assert not any(m[0] == "Défense" for m in mentions)


def test_wire_dateline_in_capitals_is_a_place_and_the_agency_an_organisation() -> None:
    # Given an English wire story opening with a dateline, and the city named again later
    text = "CARDIFF (AP) — Bus drivers will strike next week, their union said.\n\nTalks in Cardiff broke down."
    # When entities are extracted
    entities = {e.text: e for e in extract_entities(text, "en")}
    # Then the capitals are the same place as the later mention, and the agency is an organisation
    assert entities["Cardiff"].type == "LOC"
    assert set(entities["Cardiff"].variants) == {"CARDIFF", "Cardiff"}
    assert entities["AP"].type == "ORG"
    assert "CARDIFF" not in entities


def test_unknown_capitals_before_an_agency_are_a_place() -> None:
    # Given a dateline with a city the gazetteer does not know, followed by a region
    mentions = {(m.text, m.type) for m in tag_mentions("KRAMATORSK, Ukraine (Reuters) - Shelling resumed.", "en")}
    # Then the capitals are a place, and the agency an organisation
    assert {("KRAMATORSK", "LOC"), ("Ukraine", "LOC"), ("Reuters", "ORG")} <= mentions


def test_appositions_name_a_person_and_their_employer() -> None:
    # Given people described by their role, and a role naming an employer
    text = (
        "Whitfield, the union's general secretary, disagreed. "
        "Priya Raman, chief executive of Brightwell, said costs had doubled, as did an analyst at Corvane."
    )
    # When mentions are tagged
    mentions = {(m.text, m.type) for m in tag_mentions(text, "en")}
    # Then the described names are people and the employers organisations
    assert {("Whitfield", "PER"), ("Priya Raman", "PER"), ("Brightwell", "ORG"), ("Corvane", "ORG")} <= mentions


# The reference article's body (Le Figaro with AFP), as cleaned: its people and places are the product's contract.
REFERENCE_ARTICLE = (
    "Le secrétaire d’État américain s’est entretenu hier avec son homologue russe Sergueï Lavrov alors que des "
    "pourparlers russo-ukrainiens pourraient être organisés lundi prochain à Istanbul.\n\n"
    "Le secrétaire d'État américain Marco Rubio a appelé mercredi Moscou à s'engager dans des négociations «de bonne "
    "foi» avec l'Ukraine, lors d'un appel avec son homologue russe Sergueï Lavrov, selon la porte-parole du "
    "département d'État. Le chef de la diplomatie américaine a réitéré auprès du ministre russe des Affaires "
    "étrangères l'appel de Donald Trump à «un dialogue constructif et de bonne foi avec l'Ukraine, seul moyen de "
    "mettre fin à cette guerre», a affirmé Tammy Bruce dans un communiqué.\n\n"
    "Le chef de la diplomatie russe Sergueï Lavrov a de son côté expliqué à son homologue américain comment son pays "
    "entendait entamer des discussions avec les Ukrainiens en Turquie, selon le ministère russe des Affaires "
    "étrangères. L’Ukraine s’est dite prête mercredi à des pourparlers à Istanbul avec la Russie lundi, si Moscou, à "
    "qui revient cette initiative, fournit à l’avance ses conditions en vue d’une paix pour que la rencontre donne des "
    "résultats.\n\n"
    "La Russie a en effet proposé mercredi à l’Ukraine une deuxième séance de pourparlers directs à Istanbul afin de "
    "lui transmettre un «mémorandum» censé exposer ses conditions afin de parvenir à un accord de paix durable. Et ce, "
    "après que le président américain Donald Trump eut adopté ces derniers jours un ton plus dur à l’égard de son "
    "homologue russe Vladimir Poutine.\n\n"
    "«Pas opposés à de nouvelles réunions avec les Russes»\n\n"
    "«Notre délégation, dirigée par (Vladimir) Medinski, est prête à présenter ce mémorandum à la délégation "
    "ukrainienne et à fournir les explications nécessaires lors d’un deuxième cycle de négociations directes "
    "reprenant à Istanbul, le 2 juin», a annoncé Sergueï Lavrov, dans un communiqué. «Nous ne sommes pas opposés à de "
    "nouvelles réunions avec les Russes et attendons leur mémorandum», a réagi dans la soirée le ministre ukrainien "
    "de la Défense, Roustem Oumerov. «La partie russe dispose encore d’au moins quatre jours avant son départ (en "
    "Turquie) pour nous fournir son document à examiner», a-t-il ajouté.\n\n"
    "Vladimir Medinski avait été à la tête des négociateurs russes au cours des pourparlers du 16 mai, déjà à "
    "Istanbul. Il s’agissait des premières discussions de paix directes entre Kiev et Moscou depuis celles du "
    "printemps 2022, au début de l’attaque russe à grande échelle contre l’Ukraine. Ces échanges en Turquie "
    "n’avaient pas abouti à une percée pour trouver une issue diplomatique au conflit mais les deux camps s’étaient "
    "engagés à procéder à un échange de prisonniers d’une ampleur inédite, 1000 personnes contre 1000 personnes, qui "
    "s’est achevé le week-end dernier.\n\n"
    "Tout en remerciant ses «partenaires turcs», Sergueï Lavrov a dit mercredi espérer que «tous ceux qui sont "
    "sincèrement intéressés» à «la réussite du processus de paix» soutiennent l’organisation de ce deuxième cycle de "
    "négociations. Vendredi, il avait assuré que son pays travaillait sur ce mémorandum exposant sa position et le "
    "transmettrait prochainement à Kiev."
)


def test_reference_article_has_exactly_its_people_and_places() -> None:
    # Given the reference French wire article
    # When entities are extracted
    entities = extract_entities(REFERENCE_ARTICLE, "fr")
    # Then the people and places are exactly the expected ones, and nothing else is tagged
    people = {e.text for e in entities if e.type == "PER"}
    places = {e.text for e in entities if e.type == "LOC"}
    assert people == {
        "Marco Rubio",
        "Sergueï Lavrov",
        "Donald Trump",
        "Vladimir Poutine",
        "Tammy Bruce",
        "Vladimir Medinski",
        "Roustem Oumerov",
    }
    assert places == {"Moscou", "Ukraine", "Russie", "Turquie", "Istanbul", "Kiev"}
    # and a minister's portfolio ("ministre russe des Affaires étrangères") is not an entity; the ministry is
    assert [(e.text, e.type, e.count) for e in entities if e.type not in {"PER", "LOC"}] == [
        ("Affaires étrangères", "ORG", 1)
    ]


def _mentions(text: str, language: str = "fr") -> set[tuple[str, str]]:
    return {(m.text, m.type) for m in tag_mentions(text, language)}


def test_names_without_an_article_stay_people() -> None:
    # Given a person whose given name is not in the gazetteer, after "par" and before a verb
    text = "Le film est réalisé par Tarsem Dhandwar, qui a déjà tourné en Inde."
    # When mentions are tagged
    mentions = _mentions(text)
    # Then the person is found
    assert ("Tarsem Dhandwar", "PER") in mentions


def test_the_noun_before_de_names_a_place() -> None:
    # Given unknown names after "la ville de" and "au nord de"
    mentions = _mentions("Les combats ont eu lieu dans la ville de Kolo Dabra, au nord de Marissa.")
    # Then both are places, even though "Marissa" is a given name
    assert ("Kolo Dabra", "LOC") in mentions
    assert ("Marissa", "LOC") in mentions


def test_a_given_name_in_a_list_of_places_is_a_place() -> None:
    # Given an enumeration of islands, one of which is also a given name
    mentions = _mentions("L'oiseau vit sur les îles de Lombok, Sumbawa, Flores, Bali et Timor.")
    # Then the given name takes the type of its neighbours
    assert ("Bali", "LOC") in mentions
    assert not any(kind == "PER" for _, kind in mentions)


def test_english_bare_acronyms_stay_organisations() -> None:
    # Given an English sentence naming a body by its acronym without an article
    mentions = _mentions("Officials at FEMA said aid would arrive on Monday.", "en")
    # Then the acronym is an organisation
    assert ("FEMA", "ORG") in mentions


def test_a_very_long_capitalised_run_joined_by_and_is_not_one_name() -> None:
    # Given thousands of capitalised words joined by "and" (hostile input)
    text = " and ".join(f"Nom{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}" for i in range(5000))
    # When entities are extracted
    entities = extract_entities(text, "en")
    # Then it completes and no entity is made of the whole run
    assert all(len(e.text.split()) <= 16 for e in entities)


def test_a_lone_word_after_de_stays_in_a_full_name_but_a_team_after_des_is_split() -> None:
    # Given a name with a noble particle, and a player followed by his team
    text = "On doit ce nom à l'ingénieur Henri Dupuy de Lôme. Il affronte Jeremy Hellickson des Rays de Tampa Bay."
    # When mentions are tagged
    mentions = _mentions(text)
    # Then the noble name is one person and the player and the team are two mentions
    assert ("Henri Dupuy de Lôme", "PER") in mentions
    assert ("Jeremy Hellickson", "PER") in mentions
    assert ("Rays de Tampa Bay", "PER") not in mentions
