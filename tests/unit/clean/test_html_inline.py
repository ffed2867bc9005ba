"""clean_html around extraction: words inside a sentence stay; link-only lists and subscription offers go."""

from __future__ import annotations

import pytest

from article_core.clean.html import clean_html

P = [
    "The city council voted on Tuesday evening to keep the old iron bridge open for walkers and cyclists, "
    "after a long debate that lasted well past midnight.",
    "Engineers had warned in a report last spring that the bridge needed repairs worth several million euros, "
    "and some members wanted it closed for good.",
    "The mayor said the vote was a victory for the neighbourhoods on both banks of the river, which have been "
    "linked by the bridge for more than a century.",
]


def page(body: str) -> str:
    return (
        "<html><head><title>Council keeps the old bridge open</title></head><body>"
        f"<main><article><h1>Council keeps the old bridge open</h1>{body}</article></main></body></html>"
    )


def test_a_link_in_a_span_classed_link_stays_in_its_sentence() -> None:
    # Given a sentence whose middle is a link wrapped in <span class="link"> (a class precision mode discards)
    sentence = (
        "Our reporter has learned that <span class='link'><a href='/story'>the league will fine the player</a></span>"
        " for his role in the fight that ended the game early on Thursday night."
    )
    html = page(f"<p>{P[0]}</p><p>{sentence}</p><p>{P[1]}</p>")
    # When cleaned / Then the sentence is whole
    paragraphs = clean_html(html).paragraphs
    assert any("has learned that the league will fine the player for his role" in p for p in paragraphs)


def test_a_list_of_links_after_a_paragraph_goes_and_a_list_of_points_stays() -> None:
    # Given a list of links to other stories after the last paragraph, and a list of points in the text
    points = (
        "<ul><li>The deck will be rebuilt in oak.</li><li>A ferry will run <a href='/f'>free of charge</a>.</li></ul>"
    )
    links = (
        "<ul><li><a href='/a'><u>15 Amazing Bridges of Europe</u></a></li>"
        "<li><a href='/b'>11 Facts About Iron</a></li><li><a href='/c'>The Oldest Ferries</a></li></ul>"
    )
    html = page(f"<p>{P[0]}</p><p>{P[1]}</p>{points}<p>{P[2]}</p>{links}")
    # When cleaned
    cleaned = clean_html(html)
    text = "\n".join(cleaned.paragraphs)
    # Then the links are gone, listed as related links, and the points stay
    assert "Amazing Bridges" not in text and "Oldest Ferries" not in text
    assert any(r.reason == "related_links" and "Amazing Bridges" in r.text for r in cleaned.removed)
    assert "rebuilt in oak" in text and "free of charge" in text


def test_a_heading_split_by_a_bordered_span_keeps_its_first_words() -> None:
    # Given a subheading whose first words sit in a span with a border style (a box rule of precision mode)
    heading = (
        "<h2><span style='border-bottom:1px solid'>5 Tips to Enjoy Game D</span>ay Parties While Staying Healthy</h2>"
    )
    html = page(f"<p>{P[0]}</p>{heading}<p>{P[1]}</p><p>{P[2]}</p>")
    # When cleaned / Then the heading is whole
    assert "5 Tips to Enjoy Game Day Parties While Staying Healthy" in clean_html(html).paragraphs


def test_a_print_subscription_offer_goes_and_a_sentence_about_deliveries_stays() -> None:
    # Given a magazine's subscription offer after the text, and a paragraph that reports on deliveries
    offer = "Get Bridge Monthly delivered through your letterbox every month. 12 issues for £11.99. Click here."
    news = "The council said parcels would be delivered to your door by boat while the bridge is closed for work."
    html = page(f"<p>{P[0]}</p><p>{news}</p><p>{P[1]}</p><p>{offer}</p>")
    # When cleaned
    cleaned = clean_html(html)
    # Then the offer is removed as a prompt and the report stays
    assert offer not in cleaned.paragraphs and news in cleaned.paragraphs
    assert any(r.reason == "newsletter_prompt" and r.text == offer for r in cleaned.removed)


def test_a_span_with_a_chrome_class_inside_a_heading_keeps_the_heading_whole() -> None:
    # Given a subheading whose first words sit in a span classed like a bar (a navigation class rule)
    heading = "<h2><span class='highlight-bar'>Five things</span> to know about the repairs</h2>"
    html = page(f"<p>{P[0]}</p>{heading}<p>{P[1]}</p><p>{P[2]}</p>")
    # When cleaned / Then the heading is whole
    assert "Five things to know about the repairs" in clean_html(html).paragraphs


def test_a_span_that_splits_a_word_or_sits_mid_sentence_keeps_its_words() -> None:
    # Given a word split by a span with a "slide" class, and a glossary span with an "expand" class mid-sentence
    split = "The engineers inspected the struc<span class='slide-word'>ture</span> twice before the vote on Tuesday."
    glossary = "The <span class='glossary-expand'>truss</span> bridge was built in 1890 by a company from Glasgow."
    html = page(f"<p>{P[0]}</p><p>{split}</p><p>{P[1]}</p><p>{glossary}</p><p>{P[2]}</p>")
    # When cleaned
    paragraphs = clean_html(html).paragraphs
    # Then both sentences read as written
    assert "The engineers inspected the structure twice before the vote on Tuesday." in paragraphs
    assert "The truss bridge was built in 1890 by a company from Glasgow." in paragraphs


def test_a_hidden_span_inside_a_sentence_stays_out() -> None:
    # Given a sentence with a span hidden by its style, glued to the words around it
    sentence = "The bridge <span class='word' style='display: none'>SECRETCODE</span>reopened to walkers on Sunday."
    html = page(f"<p>{P[0]}</p><p>{sentence}</p><p>{P[1]}</p><p>{P[2]}</p>")
    # When cleaned / Then the hidden words are not in the body
    text = "\n".join(clean_html(html).paragraphs)
    assert "reopened to walkers on Sunday" in text and "SECRETCODE" not in text


def test_a_pop_up_inside_the_story_goes_and_is_listed() -> None:
    # Given a sign-up pop-up and a metered-access lightbox placed between the story's paragraphs
    popup = (
        "<div class='pop-up-wrapper'><p>Before you go, join thousands of readers and get our free weekly briefing "
        "on the city every Friday.</p><button>No thanks</button></div>"
    )
    meter = (
        "<section class='lightbox'><p>Enjoying our reporting? You have read three of your five free articles this "
        "month, so register now for more.</p></section>"
    )
    html = page(f"<div class='article-body'><p>{P[0]}</p>{popup}<p>{P[1]}</p>{meter}<p>{P[2]}</p></div>")
    # When cleaned
    cleaned = clean_html(html)
    # Then the story is whole, the boxes are out and listed as pop-ups
    assert cleaned.paragraphs == P
    assert [r.text[:20] for r in cleaned.removed if r.reason == "popup"] == [
        "Before you go, join ",
        "Enjoying our reporti",
    ]


def test_pop_up_marks_count_in_any_case_and_in_the_id() -> None:
    # Given boxes marked in capitals, by their id, and with the dotted capital İ that re.IGNORECASE folds to i
    boxes = [
        "<div class='ExitIntent'><p>Wait! Before you leave, sign up for our free newsletter today.</p></div>",
        "<aside id='NEWS-POPUP'><p>Get the morning briefing in your inbox every weekday for free.</p></aside>",
        "<form class='İNTERSTİTİAL'><p>Register now to keep reading the stories you love most.</p></form>",
    ]
    html = page(
        f"<div class='article-body'><p>{P[0]}</p>{boxes[0]}<p>{P[1]}</p>{boxes[1]}{boxes[2]}<p>{P[2]}</p></div>"
    )
    # When cleaned
    cleaned = clean_html(html)
    # Then all three are out and listed as pop-ups
    assert cleaned.paragraphs == P
    assert len([r for r in cleaned.removed if r.reason == "popup"]) == 3


def test_a_modal_wrapper_around_the_whole_story_is_not_a_pop_up() -> None:
    # Given a page whose story sits inside a container classed "modal-page", headline included
    html = (
        "<html><head><title>Council keeps the old bridge open</title></head><body><div class='modal-page'>"
        "<article><h1>Council keeps the old bridge open</h1>" + "".join(f"<p>{p}</p>" for p in P) + "</article>"
        "</div></body></html>"
    )
    # When cleaned
    cleaned = clean_html(html)
    # Then the story stays, read from the page's tree, and nothing is taken for a pop-up
    assert cleaned.paragraphs == P and cleaned.document.field_sources["body"] == "trafilatura"
    assert not any(r.reason == "popup" for r in cleaned.removed)


def test_a_card_after_a_person_link_inside_a_sentence_is_unglued() -> None:
    # Given a person link in a card span that also holds the title of another story, glued to it
    sentence = (
        "South Dakota Gov. <span class='person-card'><a href='/p/kn'>Kristi Noem</a><span class='card-body'>"
        "South Dakota governor doubles down on meth ad</span></span> (R) is defending the campaign launched on Monday."
    )
    html = page(f"<p>{P[0]}</p><p>{sentence}</p><p>{P[1]}</p><p>{P[2]}</p>")
    # When cleaned
    cleaned = clean_html(html)
    # Then the sentence reads as written, and the card is listed as related links
    assert "South Dakota Gov. Kristi Noem (R) is defending the campaign launched on Monday." in cleaned.paragraphs
    assert any(r.reason == "related_links" and "doubles down" in r.text for r in cleaned.removed)


def test_a_related_link_inside_a_paragraph_goes_and_the_sentences_around_it_stay() -> None:
    # Given a paragraph with a "Related:" link between two of its sentences
    inside = (
        "The council met on Monday. <a class='inline' href='/a'>Related: The bridges of the north are falling"
        " down</a> The vote was close and the mayor said so."
    )
    html = page(f"<p>{P[0]}</p><p>{inside}</p><p>{P[1]}</p><p>{P[2]}</p>")
    # When cleaned / Then the two sentences stay and the link goes
    assert "The council met on Monday. The vote was close and the mayor said so." in clean_html(html).paragraphs


def test_paragraphs_made_only_of_links_go_and_a_paragraph_with_links_in_a_sentence_stays() -> None:
    # Given a paragraph of links separated by bars, one of links on their own lines, and a sentence with two links
    bars = "<p><a href='/a'>Bridges of the north</a> | <a href='/b'>Ferry fares rise</a> | <a href='/c'>Trams</a></p>"
    lines = "<p><a href='/d'>Why the tram is late every day</a><br><a href='/e'>The harbour at night</a></p>"
    sentence = "<p>The <a href='/f'>mayor</a> and the <a href='/g'>engineers</a> agreed on the plan on Monday.</p>"
    html = page(f"<p>{P[0]}</p>{bars}<p>{P[1]}</p>{lines}{sentence}<p>{P[2]}</p>")
    # When cleaned
    paragraphs = clean_html(html).paragraphs
    # Then only the story's paragraphs are left, the sentence with links included
    assert paragraphs == [P[0], P[1], "The mayor and the engineers agreed on the plan on Monday.", P[2]]


def test_a_subheading_that_is_a_link_to_another_page_goes_and_one_to_a_section_stays() -> None:
    # Given a teaser heading linking to another story, and a heading linking to a part of this page
    teaser = "<h3><a href='/other'>The bridges of the north are falling down</a></h3>"
    section = "<h3><a href='#costs'>What the repairs will cost</a></h3>"
    html = page(f"<p>{P[0]}</p>{teaser}<p>{P[1]}</p>{section}<p>{P[2]}</p>")
    # When cleaned
    cleaned = clean_html(html)
    # Then the teaser's title is out, listed as related links, and the section heading stays
    assert cleaned.paragraphs == [P[0], P[1], "What the repairs will cost", P[2]]
    assert any(r.reason == "related_links" and r.text.startswith("The bridges") for r in cleaned.removed)


def test_subheadings_in_a_section_header_or_a_styled_div_survive_and_a_page_header_does_not_come_in() -> None:
    # Given a subheading inside a section <header>, one set as a div classed "subhead", and the page's own header
    header = "<header class='section-header'><h2>What the repairs involve</h2></header>"
    styled = "<div class='article-subhead'>When the work starts</div>"
    top = "<header class='site-header'><h2>The Daily Example</h2><a href='/'>Home</a></header>"
    body = f"<div class='article-body'><p>{P[0]}</p>{header}<p>{P[1]}</p>{styled}<p>{P[2]}</p></div>"
    html = page(body).replace("<body>", f"<body>{top}")
    # When cleaned
    paragraphs = clean_html(html).paragraphs
    # Then both subheadings sit where they are, and the page's header stays out
    assert paragraphs == [P[0], "What the repairs involve", P[1], "When the work starts", P[2]]


def test_a_row_of_links_in_the_page_footer_is_left_to_the_footer_summary() -> None:
    # Given a footer whose paragraph is a row of links
    footer = "<footer><p><a href='/p'>Privacy Policy</a> | <a href='/t'>Terms of Use</a></p></footer>"
    html = page(f"<p>{P[0]}</p><p>{P[1]}</p><p>{P[2]}</p>").replace("</body>", f"{footer}</body>")
    # When cleaned / Then the row is part of the footer's removal, not a list of related stories
    removed = clean_html(html).removed
    assert any(r.reason == "footer" and "Terms of Use" in r.text for r in removed)
    assert not any(r.reason == "related_links" and "Terms of Use" in r.text for r in removed)


def test_a_read_more_link_closing_a_paragraph_goes_and_a_colon_inside_a_sentence_stays() -> None:
    # Given a paragraph closed by "READ MORE:" and a link, and a sentence with "more:" before a link
    teaser = (
        "The council met on Monday and voted for the plan. <strong>READ MORE:</strong> "
        "<a href='/a'>The bridges of the north are falling down</a>"
    )
    sentence = "The council wants more: <a href='/m'>money for the bridge</a> and a new ferry for the winter."
    html = page(f"<p>{P[0]}</p><p>{teaser}</p><p>{P[1]}</p><p>{sentence}</p><p>{P[2]}</p>")
    # When cleaned
    cleaned = clean_html(html)
    # Then the paragraph ends with its sentence, the teaser is listed, and the other sentence is whole
    assert "The council met on Monday and voted for the plan." in cleaned.paragraphs
    assert "The council wants more: money for the bridge and a new ferry for the winter." in cleaned.paragraphs
    assert any(r.reason == "related_links" and r.text.startswith("The bridges of the north") for r in cleaned.removed)


def test_a_box_of_teasers_under_a_dont_miss_heading_goes_with_their_summaries() -> None:
    # Given a "Don't Miss" box of teasers (title link and summary) inside the story, and a "More Stories" heading
    # followed by teaser paragraphs in the story's own container, then the story going on
    teasers = "".join(
        f"<div><a href='/t{i}'>Teaser title number {i} about bridges</a><p>A short summary of story {i}.</p></div>"
        for i in range(3)
    )
    more = "<h3>More Stories</h3><p><a href='/m1'>Ferry fares rise again</a> and what it means for you.</p>"
    intro = "<p>Our picks for you this week</p>"
    html = page(f"<p>{P[0]}</p><div><h3>Don't Miss</h3>{intro}{teasers}</div><p>{P[1]}</p>{more}<p>{P[2]}</p>")
    # When cleaned
    cleaned = clean_html(html)
    # Then only the story is left, and each box is listed as related links
    assert cleaned.paragraphs == P
    assert sum(r.reason == "related_links" and "Teaser title number 0" in r.text for r in cleaned.removed) == 1


def test_a_must_reads_list_after_the_story_goes() -> None:
    # Given the story, then a "More Must-Reads From …" box: a heading over a list of partly linked headlines
    items = "".join(
        f"<li><span>The struggle to </span><a href='/s{i}'>save story number {i}</a></li>" for i in range(4)
    )
    box = f"<div class='inline-recirc'><h2>More Must-Reads From The Paper</h2><ul>{items}</ul></div>"
    html = page("".join(f"<p>{p}</p>" for p in P)).replace("</article>", f"</article>{box}")
    # When cleaned / Then only the story is left, and the box is listed as related links
    cleaned = clean_html(html)
    assert cleaned.paragraphs == P
    assert any(r.reason == "related_links" and "save story number 0" in r.text for r in cleaned.removed)


def test_the_source_wrapping_of_text_in_a_div_is_a_space_and_preformatted_lines_stay() -> None:
    # Given sentences a <div> holds, wrapped across lines in the HTML source, a <br>, and a <pre> block
    wrapped = P[0].replace(" after ", "\n after ").replace("the old ", "the old\n")
    body = f"<div><span>{wrapped}</span></div><div>{P[1]}<br>\n{P[2]}</div><pre>x = 1\ny = 2</pre>"
    # When cleaned
    paragraphs = clean_html(page(body)).paragraphs
    # Then each sentence is one line again, the <br> still breaks, the code keeps its lines
    assert paragraphs[:3] == P
    assert paragraphs[3:] == ["x = 1", "y = 2"]


def test_a_table_that_lays_out_the_page_is_read_as_divisions_and_a_data_table_inside_stays_a_table() -> None:
    # Given an older page laid out as a table: the menu in one cell, the story in the next, a table of figures in it
    menu = "<ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(10)) + "</ul>"
    figures = "<table><tr><th>Year</th><th>Crossings</th></tr><tr><td>2023</td><td>4100</td></tr></table>"
    story = f"<h1>Council keeps the old bridge open</h1><p>{P[0]}</p><p>{P[1]}</p>{figures}<p>{P[2]}</p>"
    html = (
        "<html><head><title>Council keeps the old bridge open</title></head><body>"
        f"<table><tr><td>{menu}</td><td>{story}</td></tr></table></body></html>"
    )
    # When cleaned
    paragraphs = clean_html(html).paragraphs
    # Then the story's paragraphs are paragraphs again (not one row of cells), and the figures keep their rows
    assert [p for p in paragraphs if p in P] == P
    assert "| 2023 | 4100 |" in paragraphs and not any(p.startswith("| |") for p in paragraphs)


@pytest.mark.parametrize(
    "heading",
    [
        "More Must-Reads From TIME",
        "Must read",
        "Up next",
        "You may have missed",
        "À lire également",
        "Les plus lus",
        "Noticias relacionadas",
        "Mehr zum Thema",
        "Leggi anche",
        "Veja também",
    ],
)
def test_headings_that_introduce_other_stories(heading: str) -> None:
    # Given a heading over links to other stories, in English, French or another language of the news
    from article_core.clean.html_inline import _TEASER_HEADING

    # Then it reads as a teaser box's heading, and a story's own subheading does not
    assert _TEASER_HEADING.match(heading)
    assert not _TEASER_HEADING.match(f"{heading} the mayor's plan")


def test_a_further_reading_heading_over_prose_without_links_stays() -> None:
    # Given a subheading reading "Further reading" over a paragraph of the story without links
    html = page(f"<p>{P[0]}</p><h3>Further reading</h3><p>{P[1]}</p><p>{P[2]}</p>")
    # When cleaned / Then nothing is taken for a teaser box
    assert clean_html(html).paragraphs == [P[0], "Further reading", P[1], P[2]]


def test_the_parsed_page_holds_only_elements_so_len_counts_element_children() -> None:
    # Given a page with comments and a processing instruction between elements
    from article_core.clean.html_extract import parse_page

    tree = parse_page(page("<!-- a note --><p>One<!-- inside --><b>two</b></p><?php echo 1; ?><div></div>"))
    # When parsed / Then every node is an element (the candidate walks count children with len())
    assert tree is not None
    assert all(isinstance(node.tag, str) for node in tree.iter())


def test_the_candidate_walks_find_what_their_xpaths_find() -> None:
    # Given divs and paragraphs with heading-like classes in mixed case, childless or not, and bold paragraphs
    from lxml import etree

    from article_core.clean.html_extract import parse_page
    from article_core.clean.html_inline import _subheading_candidates, _teaser_heading_candidates

    body = (
        "<div class='SubHead'>A</div><p class='crossHEAD'>B</p><div class='subhead'><span>C</span></div>"
        "<div class='Inter-Title'>D</div><div class='intertitle'>E</div><p class='x'>F</p><div>G</div>"
        "<h2>H</h2><p><strong>I</strong></p><p><b>J</b> and <i>K</i></p><p><em>L</em></p><h5>M</h5><div></div>"
    )
    tree = parse_page(page(body))
    assert tree is not None
    headit = "translate(@class, 'HEADIT', 'headit')"
    subheadings = f"//*[self::div or self::p][not(*)][contains({headit}, 'head') or contains({headit}, 'intertitle')]"
    teasers = "//h2 | //h3 | //h4 | //h5 | //h6 | //p[strong or b][count(*) = 1] | //div[not(*)]"
    # When both are read / Then the walks give the XPaths' elements in the same order
    assert _subheading_candidates(tree) == etree.XPath(subheadings)(tree)
    assert len(_subheading_candidates(tree)) == 3
    assert _teaser_heading_candidates(tree) == etree.XPath(teasers)(tree)
