"""recover_paragraphs: prose that precision-mode extraction dropped comes back in page order; boilerplate does not."""

from __future__ import annotations

from collections.abc import Callable

from article_core.clean.html import clean_html
from article_core.clean.html_extract import parse_page
from article_core.clean.html_recover import recover_paragraphs, repair_body

P = [
    "The city council voted on Tuesday evening to keep the old iron bridge open for walkers and cyclists, "
    "after a long debate that lasted well past midnight.",
    "Engineers had warned in a report last spring that the bridge needed repairs worth several million euros, "
    "and some members wanted it closed for good.",
    "The mayor said the vote was a victory for the neighbourhoods on both banks of the river, which have been "
    "linked by the bridge for more than a century.",
    "Work on the deck will start in the autumn and should last about six months, during which a ferry will "
    "carry people across the river at no charge.",
]
LEAD = (
    "Three people were hurt when part of the railing gave way last winter, and the city has been under "
    "pressure ever since to decide what to do with the crossing."
)


def page(body: str) -> str:
    return (
        "<html><head><title>Council keeps the old bridge open</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<main><h1>Council keeps the old bridge open</h1>{body}</main>"
        "<footer>© 2024 The Daily Example. All rights reserved.</footer></body></html>"
    )


def recovered(html: str, kept: list[str]) -> list[str]:
    return recovered_with(html, kept)


def recovered_with(html: str, kept: list[str], reject: Callable[[str], bool] | None = None) -> list[str]:
    tree = parse_page(html)
    assert tree is not None
    return recover_paragraphs(tree, kept, reject)


def test_a_lead_in_a_summary_block_above_the_text_container_comes_back_first() -> None:
    # Given a page whose lead paragraph sits in a summary block, below the byline, above the text container
    body = "".join(f"<p>{p}</p>" for p in P)
    html = page(
        f"<div>By Jane Doe</div><div class='article__summary'>{LEAD}</div><div class='article__text'>{body}</div>"
    )
    # When the whole page is cleaned / Then the lead opens the body, before the paragraphs kept
    assert clean_html(html).paragraphs == [LEAD, *P]


def test_a_standfirst_right_under_the_headline_is_not_recovered() -> None:
    # Given the same summary block right under the headline, which sits in a left-out "header" part
    body = "".join(f"<p>{p}</p>" for p in P)
    html = (
        "<html><body><div class='hero__header-wrap'><h1>Council keeps the old bridge open</h1></div>"
        f"<p class='summary'>{LEAD}</p><div>By Jane Doe</div><div class='article__text'>{body}</div></body></html>"
    )
    # When recovered / Then nothing is added: headline, standfirst, byline, then the story
    assert recovered(html, P) == P


def test_prose_between_two_neighbouring_kept_paragraphs_comes_back_in_place() -> None:
    # Given paragraphs interleaved with an ad and an embed, and an extraction that lost the third one
    html = page(
        f"<article><p>{P[0]}</p><div class='ad-slot'>Advertisement</div><p>{P[1]}</p>"
        "<div class='embed'><iframe src='x'></iframe></div>"
        f"<div class='wrap'><p>{P[2]}</p></div><p>{P[3]}</p></article>"
    )
    # When recovered / Then it is put back between its neighbours, and the ad's text is not
    assert recovered(html, [P[0], P[1], P[3]]) == P


def test_a_loose_lead_and_its_subheading_come_back_but_not_the_standfirst() -> None:
    # Given a section whose text sits loose before a subheading, under a standfirst heading
    html = page(
        f"<h2>Why the vote mattered to both banks</h2><section>{LEAD}<p></p><h2>What the engineers found</h2>"
        f"{P[0]}<br><p>{P[1]}</p><p>{P[2]}</p></section>"
    )
    # When only the later paragraphs were extracted / Then lead, subheading and text return in order
    assert recovered(html, [P[1], P[2]]) == [LEAD, "What the engineers found", P[0], P[1], P[2]]


def test_link_lists_teasers_short_lines_and_prompts_are_not_recovered() -> None:
    # Given, between kept paragraphs: a related-stories block, a line of links, a caption, a newsletter prompt
    teaser = (
        "Read how the neighbouring town rebuilt its own bridge in only four months, and what it cost the "
        "taxpayers there in the end."
    )
    links = " ".join(f"<a href='/s{i}'>Another story about bridges number {i}</a>" for i in range(4))
    html = page(
        f"<article><p>{P[0]}</p><div class='related-stories'><p>{teaser}</p></div><p>{links}.</p>"
        f"<p>Photo: the bridge at dawn.</p><p>{P[1]}</p>"
        "<p>Sign up for our newsletter to get the latest news delivered to your inbox every morning, "
        f"with the stories that matter most to the people of the city.</p><p>{P[2]}</p></article>"
    )

    # When recovered with the body's own boilerplate filter / Then nothing is added
    def newsletter(text: str) -> bool:
        return "newsletter" in text

    tree = parse_page(html)
    assert tree is not None
    assert recover_paragraphs(tree, [P[0], P[1], P[2]], reject=newsletter) == [P[0], P[1], P[2]]


def test_prose_next_to_a_paragraph_repeated_far_away_is_not_a_gap() -> None:
    # Given a sidebar, after unrelated prose, that repeats the body's last paragraph
    other = (
        "Our comment section is open to all readers who want to share what they think about the news "
        "of the day, within the rules that you can find on this page."
    )
    html = page(f"<article><p>{P[0]}</p><p>{P[1]}</p></article><div class='x'><p>{other}</p><p>{P[0]}</p></div>")
    # When recovered / Then the prose between the sidebar and the body is not pulled in
    assert recovered(html, [P[0], P[1]]) == [P[0], P[1]]


def test_a_lead_in_the_article_header_below_the_byline_comes_back() -> None:
    # Given an article whose lead paragraph sits in its <header> (precision mode drops every header), below a byline
    html = page(
        f"<article><header><span>By Jane Doe</span><p>{LEAD}</p></header><div class='body'>"
        + "".join(f"<p>{p}</p>" for p in P)
        + "</div></article>"
    )
    # When cleaned / Then the lead opens the body and the byline does not come with it
    assert clean_html(html).paragraphs == [LEAD, *P]


def test_text_after_the_last_kept_paragraph_comes_back_until_a_heading() -> None:
    # Given an extraction that stopped at an embed, with two more paragraphs, then a heading and other prose
    after = (
        "Readers who wrote to us about the bridge mostly agreed with the decision, although a few asked why "
        "the repairs had taken so long to be planned."
    )
    html = page(
        f"<article><p>{P[0]}</p><p>{P[1]}</p><div class='video-player'><iframe src='v'></iframe></div>"
        f"<p>{P[2]}</p><p>{P[3]}</p></article><h2>Your letters</h2><p>{after}</p>"
    )
    # When recovered / Then the two paragraphs return at the end, and nothing past the heading does
    assert recovered(html, [P[0], P[1]]) == P


def test_a_story_split_into_text_containers_between_ads_goes_on_past_its_subheadings() -> None:
    # Given a story whose text sits in several containers of one class with ads between, the later ones
    # opening with a subheading, then a heading outside them over other prose
    after = (
        "Readers who wrote to us about the bridge mostly agreed with the decision, although a few asked why "
        "the repairs had taken so long to be planned."
    )
    ad = "<div class='ad'>Advertisement</div>"
    html = page(
        f"<article><div class='body__inner'><p>{P[0]}</p><p>{P[1]}</p></div>{ad}"
        f"<div class='body__inner'><h2>What the work involves</h2><p>{P[2]}</p></div>{ad}"
        f"<div class='body__inner'><h3>When it starts</h3><p>{P[3]}</p></div></article>"
        f"<h2>Your letters</h2><p>{after}</p>"
    )
    # When only the first container was extracted
    # Then the later containers return with their subheadings, and nothing past the outside heading does
    assert recovered(html, [P[0], P[1]]) == [P[0], P[1], "What the work involves", P[2], "When it starts", P[3]]


def test_a_subheading_after_the_body_with_no_prose_under_it_does_not_come_back() -> None:
    # Given a story container that ends with a subheading over a list of links
    links = "<ul><li><a href='/a'>Bridges of the world</a></li><li><a href='/b'>Ferries</a></li></ul>"
    html = page(f"<article><div class='body'><p>{P[0]}</p><p>{P[1]}</p><h2>More on bridges</h2>{links}</div></article>")
    # When recovered / Then the body is unchanged
    assert recovered(html, [P[0], P[1]]) == [P[0], P[1]]


def test_a_short_paragraph_in_the_bodys_own_container_comes_back_and_a_short_caption_elsewhere_does_not() -> None:
    # Given short paragraphs between and after the kept ones, in the body's container, and a short line
    # in another container
    html = page(
        f"<article><div class='story-text'><p>{P[0]}</p><p>He did not answer.</p><p>{P[1]}</p>"
        f"<p>{P[2]}</p><p>The vote was final.</p></div><div class='promo-line'><p>Tap here for the app.</p></div>"
        "</article>"
    )
    # When recovered / Then both short paragraphs return in place and the other line does not
    assert recovered(html, [P[0], P[1], P[2]]) == [P[0], "He did not answer.", P[1], P[2], "The vote was final."]


def test_the_story_goes_on_past_a_pull_quote_with_its_linked_paragraphs_until_a_share_prompt() -> None:
    # Given a story in containers of one class: a pull quote between them, a later paragraph half made of links,
    # then a share prompt and a notice in the same container
    box = "<div class='article__body body'>"
    linked = (
        "The <a href='/a'>engineers who inspected the crossing last spring</a> said the <a href='/b'>deck and its "
        "railings</a> would need work before the summer."
    )
    notice = "Comments that insult other readers or stray from the topic of the story will not be approved."
    html = page(
        f"<article>{box}<p>{P[0]}</p><p>{P[1]}</p></div><div class='pullquote'>It was never going to be easy for"
        f" anyone</div>{box}<p>{P[2]}</p><p>{linked}</p></div>{box}<p>Share this story on WhatsApp</p>"
        f"<p>{notice}</p></div></article>"
    )
    # When only the first container was extracted
    # Then the story comes back whole, the linked paragraph with it, and nothing after the share prompt
    linked_text = (
        "The engineers who inspected the crossing last spring said the deck and its railings would need work "
        "before the summer."
    )
    assert recovered_with(html, [P[0], P[1]], reject=lambda text: "Share this" in text) == [
        P[0],
        P[1],
        P[2],
        linked_text,
    ]


def tweet(text: str, credit: str) -> str:
    return (
        f"<div class='social-media-embed'><blockquote class='twitter-tweet'><p lang='en'>{text}</p>"
        f"{credit} <a href='https://twitter.com/x/status/1'>November 18, 2019</a></blockquote></div>"
    )


def test_posts_the_story_embeds_come_back_where_they_sit_with_their_credit() -> None:
    # Given tweets between two paragraphs (one of two lines) and after the last one, the second quoting the story
    first = tweet("on. meth. dot. com.<br>we’re. on. it.", "— A Reader (@reader)")
    second = tweet(P[1], "— The Mayor (@mayor)")
    html = page(f"<article><p>{P[0]}</p>{first}<p>{P[1]}</p><p>{P[2]}</p>{second}</article>")
    # When only the paragraphs were extracted
    # Then the first tweet's lines and credit sit between the first two paragraphs, and the last tweet closes the
    # story (its text, found in the story, is not taken for a paragraph of it)
    assert recovered(html, [P[0], P[1], P[2]]) == [
        P[0],
        "on. meth. dot. com. we’re. on. it.",
        "— A Reader (@reader) November 18, 2019",
        P[1],
        P[2],
        P[1],
        "— The Mayor (@mayor) November 18, 2019",
    ]


def test_a_post_the_extraction_kept_is_not_repeated() -> None:
    # Given a tweet between two paragraphs that the extraction kept as a paragraph of its own
    html = page(f"<article><p>{P[0]}</p>{tweet(LEAD, '— A Reader (@reader)')}<p>{P[1]}</p><p>{P[2]}</p></article>")
    # When recovered / Then the body is unchanged
    kept = [P[0], LEAD, "— A Reader (@reader) November 18, 2019", P[1], P[2]]
    assert recovered(html, kept) == kept


def test_a_standfirst_under_a_kept_headline_is_not_put_between_headline_and_story() -> None:
    # Given an extraction that kept the headline as its first line but not the standfirst under it
    html = page(f"<p class='dek'>{LEAD}</p><div class='article__text'>" + "".join(f"<p>{p}</p>" for p in P) + "</div>")
    # When recovered / Then the standfirst stays out
    assert recovered(html, ["Council keeps the old bridge open", *P]) == ["Council keeps the old bridge open", *P]


def test_a_line_found_only_in_a_newsletter_box_goes_with_its_reason() -> None:
    # Given an extraction that kept the pitch of a newsletter box placed inside the article
    pitch = "Get the day's big stories and fun stuff you love, like picks and power rankings."
    box = f"<section class='Newsletter-container'><h3>Pick Six Newsletter</h3><h4>{pitch}</h4><form></form></section>"
    html = page(f"<article><p>{P[0]}</p>{box}<p>{P[1]}</p></article>")
    tree = parse_page(html)
    assert tree is not None
    # When the body is repaired
    kept, removed = repair_body(tree, [P[0], "Pick Six Newsletter", pitch, P[1]])
    # Then the box's lines go as a newsletter prompt and the story stays
    assert kept == [P[0], P[1]]
    assert [(r.reason, r.text) for r in removed] == [
        ("newsletter_prompt", "Pick Six Newsletter"),
        ("newsletter_prompt", pitch),
    ]


def test_a_line_also_in_the_visible_text_stays_though_a_related_box_repeats_it() -> None:
    # Given a related-stories box that repeats a sentence the story itself says
    html = page(f"<article><p>{P[0]}</p><p>{P[1]}</p></article><div class='related'><p>{P[1]}</p></div>")
    tree = parse_page(html)
    assert tree is not None
    # When the body is repaired / Then nothing goes
    assert repair_body(tree, [P[0], P[1]]) == ([P[0], P[1]], [])


def test_the_page_read_gathers_the_removal_summary_of_a_whole_tree_walk() -> None:
    # Given a page whose left-out parts nest blocks with reasons: a share list inside a plain <ul>, a menu
    # inside a hidden panel, an embed in a figure, a comment box after the article, a related box inside it
    from article_core.clean.html_blocks import removed_blocks, summarise_removed
    from article_core.clean.html_recover import read_page

    html = page(
        f"<p>{P[0]}</p><ul><li class='share-bar'>Share on Facebook</li><li>Plain item</li></ul>"
        "<div hidden><div class='menu-main'>Sections Politics Sport</div><p>Hidden text</p></div>"
        f"<figure><div class='tweet-embed'>A tweet about the bridge</div><figcaption>Photo</figcaption></figure>"
        f"<p>{P[1]}</p><div class='related-stories'><a href='/a'>Another story about bridges</a></div>"
        "<table><tr><td class='ad-slot'>Buy now</td></tr></table><script>var x = 1;</script>"
        "<section id='comments'>Reader comments are closed on this story.</section>"
    )
    tree = parse_page(html)
    assert tree is not None
    kept = [P[0], P[1]]
    # When the removal summary is made from the one read of the page
    summary = summarise_removed(read_page(tree).left_out, kept)
    # Then it is the one a walk of the whole tree makes, with every nested block in page order
    assert summary == removed_blocks(tree, kept)
    reasons = [(r.reason, r.text) for r in summary]
    assert reasons[:4] == [
        ("navigation", "Home News"),
        ("share_prompt", "Share on Facebook"),
        ("navigation", "Sections Politics Sport"),
        ("embed", "A tweet about the bridge"),
    ]
    assert ("comments", "Reader comments are closed on this story.") in reasons
    assert ("advertisement", "Buy now") in reasons
    assert ("footer", "© 2024 The Daily Example. All rights reserved.") in reasons
