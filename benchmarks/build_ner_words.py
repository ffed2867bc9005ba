"""Build layers/article_core/article_core/data/ner_cue_words.txt: the entity tagger's cue word sets.

    python -m benchmarks.build_ner_words            # rewrite the file, normalised
    python -m benchmarks.build_ner_words --check    # exit 1 if the file is not what this script writes

The sets were written by hand for this project (they were inline in analyze/entities.py until the learned
tagger replaced the rules) from general knowledge of French and English news usage; they are not drawn from
any evaluation set. Edit a set here, run the script, `make data-tables` (the pre-parsed copy the runtime loads),
and retrain (`make train-ner`): the tagger's recipe
hashes the data file, so a unit test reports a model built with other words.
Each section carries its source and licence line; words are lowercased, NFC, de-duplicated and sorted.
"""

from __future__ import annotations

import sys
import textwrap
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "layers" / "article_core" / "article_core" / "data" / "ner_cue_words.txt"
SOURCE = "source: written by hand for this project (general French and English news usage); licence: the project's"

SETS: dict[str, tuple[str, str]] = {
    "person_cues": (
        "titles and roles before a person's name ('Mayor Linda Park', 'le ministre Roustem Oumerov')",
        """
        abbé acteur actor actress actrice administrator ambassadeur ambassador ambassadrice amiral archbishop
        archevêque attorney aunt auteur author autrice avocat avocate ayatollah baron batteur bishop boxeur brother
        candidat candidate capitaine capt captain cardinal ceo chairman chairwoman champion championne chancelier
        chancelière chancellor chanteur chanteuse chef cheffe cheikh coach col colonel commissaire commissioner
        compositeur comte comtesse congressman congresswoman conseiller conseillère coureur cousin cycliste dame
        daughter defender deputy député députée detective directeur director directrice dirigeant dirigeante docteur
        dr duc duchesse empereur entraîneur envoy envoyé father fille fils fondateur fondatrice forward founder frère
        gen general goalkeeper gouverneur gov governor guitariste général historien historienne homologue husband
        imam impératrice inspecteur inspector joueur joueuse journaliste judge juge justice king lady lawmaker lawyer
        leader lieutenant lord lt m maire manager mari maréchal mayor me midfielder minister ministre mlle mm mme
        mother mr mrs ms musicien musicienne mère neveu négociateur oncle opposant opposante pape patron patronne
        peintre philosophe pianiste pilote player pope porte-parole poète pr premier premier-ministre president
        prime prince princesse procureur procureure producteur prof professeur professeure professor prosecutor
        président président-directeur présidente père queen rabbin rep reine representative roi romancier romancière
        réalisateur réalisatrice saint sainte sculpteur secretary secrétaire secretary-general sen senator sergeant
        sergent sgt sheriff singer sir sister son speaker spokesman spokesperson spokeswoman striker sultan
        sélectionneur sénateur sénatrice sœur tante uncle veuve vice-président vice-présidente wife writer écrivain
        écrivaine émir émissaire épouse évêque
        """,
    ),
    "titles": (
        "unambiguous titles: the name right after one is a person ('Mayor Linda Park', 'NASA Administrator X')",
        """
        administrator ambassadeur ambassador ambassadrice archbishop archevêque ayatollah bishop capt cardinal ceo
        chairman chairwoman chancelier chancelière chancellor col colonel commissioner congressman congresswoman
        detective dr entraîneur gen gouverneur gov governor imam inspector judge juge lawmaker lieutenant lt m maire
        mayor minister ministre mlle mme mr mrs ms porte-parole premier-ministre president professor prosecutor
        président présidente rabbin rep secretary secrétaire sélectionneur sen senator sergeant sgt sheriff
        spokesman spokesperson spokeswoman sénateur sénatrice vice-président vice-présidente
        """,
    ),
    "roles": (
        "roles after a name and a comma ('Linda Park, the mayor,'; 'Kate Nicholls, chief executive of')",
        """
        adviser advisor analyst boss ceo chair chairman chairwoman chief director directeur directrice député
        députée economist editor executive fondateur fondatrice founder governor head leader maire manager mayor
        member ministre officer partner porte-parole president professor président présidente researcher secretary
        secrétaire sénateur sénatrice spokesman spokesperson spokeswoman strategist trustee
        """,
    ),
    "speech_verbs": (
        "verbs of saying after a speaker ('X said', 'X a déclaré'): the speaker is a person or an organisation",
        """
        acknowledged added admitted affirme affirmé ajouté announced annoncé argued asserted assure believes claimed
        commented confirmed declared denied déclare déclaré dit estime explained explique expliqué indique indiqué
        insisted noted rappelle reported said says souligne stated suggested tells told tweeted warned wrote writes
        """,
    ),
    "org_heads": (
        "words that head an organisation's name ('Ligue', 'University', 'Department')",
        """
        academy académie administration agence agency alliance army armée assembly assemblée association authority
        bank banque board brigade bureau campaign center centre chambers chambre church club coalition college
        collège comité commission committee compagnie company confederation confédération congress congrès conseil
        conservatoire corporation council cour court department directorate division département entreprise école
        église équipe federation fédération fondation fonds forces foundation front fund gendarmerie gouvernement
        government group groupe hospital hôpital inspectorate institut institute institution journal laboratoire
        league ligue lycée marine ministry ministère mouvement movement museum musée navy observatoire office
        ombudsman orchestre organisation organization parlement parliament parti party police radio regulator
        régiment school senate service services society société syndicat sénat team théâtre tribunal trust
        télévision union university université
        """,
    ),
    "org_words": (
        "words inside company and club names ('Inc', 'FC', 'Airlines', 'Holdings')",
        """
        ac ag airlines airways bv capital cf co corp corporation energy entertainment fc gmbh holding holdings inc
        international llc ltd media motor motors networks news nv partners pictures plc press rail records sa sas sc
        studios systems technologies times tribune ventures
        """,
    ),
    "place_heads": (
        "lowercase words that start a place name ('océan Pacifique', 'mer Noire', 'gare de Lyon')",
        """
        avenue aéroport baie boulevard canal cap col désert détroit fleuve forêt gare golfe lac massif mer mont monts
        océan place plateau pont presqu'île péninsule quartier rivière rue vallée île îles
        """,
    ),
    "place_first_words": (
        "capitalised first words of place names ('Mont Blanc', 'Lake Geneva', 'Côte d'Azur')",
        """
        baie cap col côte détroit golfe grand-place lac lake mont monts mount océan pic place plateau pointe port
        presqu'île puy rue sierra val vallée île îles
        """,
    ),
    "place_last_words": (
        "last words of place names ('Pender Street', 'Orange County', 'Palo Alto' excepted)",
        """
        avenue bay beach boulevard bridge canyon coast county creek desert falls gulf heights highlands hill hills
        island islands lake mountain mountains ocean park peak peninsula river road sea springs square strait street
        valley
        """,
    ),
    "place_of_nouns": (
        "nouns whose 'de X' / 'of X' names a place ('la ville de X', 'maire de X', 'the city of X')",
        """
        agglomération arrondissement banlieue canton capitale city commune comté environs habitants localité maire
        mairie municipalité nord ouest outskirts province périphérie région sud town village ville
        """,
    ),
    "particles": (
        "words that join the parts of one name ('Charles de Gaulle', 'Ludwig van Beethoven')",
        """
        al ben bin d' da de del della den der des di do dos du d’ el ibn la of ter van von y
        """,
    ),
}


def render() -> str:
    lines = [
        "# Cue words for the entity tagger (analyze/entity_features.py, entity_rules.py), one [section] per set.",
        "# Built by benchmarks/build_ner_words.py: edit the sets there, not here.",
    ]
    for name, (purpose, words) in SETS.items():
        unique = sorted({unicodedata.normalize("NFC", w.lower()) for w in words.split()})
        lines += ["", f"[{name}]", f"# {purpose}", f"# {SOURCE}"]
        lines += textwrap.wrap(" ".join(unique), width=110, break_on_hyphens=False)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render()
    if "--check" in args:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT.name}: {'up to date' if same else 'differs from benchmarks/build_ner_words.py'}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(SETS)} sets)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
