"""The explorer page: one self-contained file with a strict CSP, safe embedded data, and a UI that
decides as the library does (clicked through in headless Chromium)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from explorer_browser import Page, browser, missing

import decision_trees
from decision_trees import Tree, load
from decision_trees.answers import answer_to_json
from decision_trees.explorer_page import explorer, program, script_json
from kennisveiligheid import assess, load_case, reference_tree

ROOT = Path(__file__).parent.parent
HERE_JS = Path(__file__).parent / "js"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
needs_browser = pytest.mark.skipif(missing() is not None, reason=missing() or "")


# ----------------------------------------------------------------------------------------------
# The file itself (no browser needed)


def test_explorer_is_exported_lazily() -> None:
    code = (
        "import sys, decision_trees; assert 'decision_trees.explorer_page' not in sys.modules; "
        "decision_trees.explorer"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert decision_trees.explorer is explorer


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!--", "a & b > c", "\u2028\u2029"])
def test_embedded_json_cannot_close_its_script_element(text: str) -> None:
    encoded = script_json({"t": text})
    assert not re.search("[<>&\u2028\u2029]", encoded)
    assert json.loads(encoded) == {"t": text}


def test_page_is_self_contained_with_a_strict_csp() -> None:
    page = explorer(reference_tree(), lang="en")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None
    policy = csp.group(1)
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", policy)
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)  # nothing loaded
    assert page.count("<script") == 2  # the data and the one script
    assert '<html lang="en">' in page


def test_program_is_plain_json_with_big_numbers_tagged() -> None:
    tree = load(ROOT / "tests" / "trees" / "conformance" / "values.yaml")
    text = json.dumps(program(tree))
    assert '{"$big": "1152921504606846976"}' in text
    assert json.loads(text)["start"] == tree.start


def test_cli_writes_the_page(tmp_path: Path) -> None:
    from kennisveiligheid.cli import main

    out = tmp_path / "ks.html"
    assert main(["explore", "reference", "-o", str(out), "--lang", "en"]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["explore", str(tmp_path / "nope.yaml")]) == 2


def test_page_without_dot_has_no_drawing(monkeypatch: pytest.MonkeyPatch) -> None:
    from decision_trees import rendering

    def no_dot(*args: Any, **kwargs: Any) -> bytes:
        raise decision_trees.MissingDependencyError("Graphviz dot", "apt-get install graphviz")

    monkeypatch.setattr(rendering, "render", no_dot)
    monkeypatch.setattr(decision_trees, "render", no_dot, raising=False)
    page = explorer(reference_tree())
    assert "<template" not in page
    assert "<svg" not in page


# ----------------------------------------------------------------------------------------------
# In the browser


@pytest.fixture(scope="module")
def chromium() -> Any:
    why = missing()
    if why:
        pytest.skip(why)
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def reference_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / "ks.html"
    path.write_text(explorer(reference_tree(), lang="nl"), encoding="utf-8")
    return path


def example_answers(path: Path) -> tuple[str, dict[str, Any]]:
    """What ``assess`` decides for an example case, and the answers its path read (JSON form)."""
    decision = assess(load_case(path))
    return decision.outcome_id, {k: answer_to_json(v) for k, v in decision.answers.items()}


@pytest.mark.slow
@needs_browser
@pytest.mark.parametrize("example", EXAMPLES[:3], ids=[p.stem for p in EXAMPLES[:3]])
def test_clicking_through_examples_reaches_their_outcomes(
    chromium: Any, reference_page: Path, example: Path, tmp_path: Path
) -> None:
    expected = yaml.safe_load(example.read_text(encoding="utf-8"))["expected_outcome"]
    decided, answers = example_answers(example)
    assert decided == expected
    page = Page(chromium, reference_page)
    try:
        assert page.answer_all(answers) == expected
        # the language switch keeps the answers
        page.page.select_option("#lang", "en")
        assert page.outcome() == expected
        assert page.page.locator("html").get_attribute("lang") == "en"
        # download the answers: assess and Tree.evaluate read them and decide the same
        with page.page.expect_download() as info:
            page.page.click("#download-yaml")
        saved = tmp_path / "answers.yaml"
        info.value.save_as(saved)
        with page.page.expect_download() as info:
            page.page.click("#download-json")
        saved_json = tmp_path / "answers.json"
        info.value.save_as(saved_json)
        assert assess(load_case(saved)).outcome_id == expected
        tree = reference_tree()
        data = json.loads(saved_json.read_text(encoding="utf-8"))["answers"]
        assert tree.evaluate(tree.parse_answers(data)).outcome_id == expected
        # going back shows the last question again, with its answer kept
        last = list(answers)[-1]
        page.page.click("#back")
        assert page.asked() == last
        page.page.click("#next")
        assert page.outcome() == expected
        # loading the saved answers in a fresh page decides the same
        fresh = Page(chromium, reference_page)
        fresh.page.set_input_files("#load-answers", str(saved))
        fresh.page.wait_for_selector("#outcome")
        assert fresh.outcome() == expected
        fresh.close()
        assert page.errors == []
        assert all(u.startswith("file:") for u in page.requests)
    finally:
        page.close()


@needs_browser
def test_keyboard_alone_answers_a_question(chromium: Any, reference_page: Path) -> None:
    page = Page(chromium, reference_page)
    try:
        pg = page.page
        first = page.asked()
        for _ in range(12):  # Tab to the first answer control
            pg.keyboard.press("Tab")
            if pg.evaluate("document.activeElement.closest('#question fieldset') !== null"):
                break
        assert pg.evaluate("document.activeElement.tagName") == "INPUT"
        pg.keyboard.press("Space")
        pg.keyboard.press("Enter")
        assert page.asked() not in (None, first)
        assert pg.evaluate("document.activeElement.tagName") == "H2"  # focus moves to the new question
    finally:
        page.close()


@pytest.mark.slow
@needs_browser
def test_command_line_assess_agrees_with_the_download(
    chromium: Any, reference_page: Path, tmp_path: Path
) -> None:
    example = EXAMPLES[0]
    expected, answers = example_answers(example)
    page = Page(chromium, reference_page)
    try:
        page.answer_all(answers)
        with page.page.expect_download() as info:
            page.page.click("#download-yaml")
        saved = tmp_path / "a.yaml"
        info.value.save_as(saved)
    finally:
        page.close()
    run = subprocess.run(
        [sys.executable, "-m", "kennisveiligheid", "assess", str(saved), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(run.stdout)["outcome"]["id"] == expected


def answers_for_every_outcome(tree: Tree) -> dict[str, dict[str, Any]]:
    """For each outcome, answers that reach it (found by the library's counterfactuals)."""
    start = assess(load_case(EXAMPLES[0]))
    found = {start.outcome_id: {k: answer_to_json(v) for k, v in start.answers.items()}}
    for outcome in tree.outcomes:
        if outcome not in found:
            changed = start.counterfactuals(target=outcome)
            if changed:
                found[outcome] = {k: answer_to_json(v) for k, v in changed[0].answers.items()}
    return found


@needs_browser
@pytest.mark.slow
def test_every_outcome_of_the_reference_tree_is_reached_by_clicking(
    chromium: Any, reference_page: Path
) -> None:
    tree = reference_tree()
    found = answers_for_every_outcome(tree)
    assert set(found) == set(tree.outcomes)
    page = Page(chromium, reference_page)
    try:
        for outcome, answers in found.items():
            page.page.goto(reference_page.as_uri())
            assert page.answer_all(answers) == outcome
    finally:
        page.close()


@pytest.mark.slow
@needs_browser
def test_browse_mode_draws_selects_and_highlights(chromium: Any, reference_page: Path) -> None:
    decided, answers = example_answers(EXAMPLES[0])
    page = Page(chromium, reference_page)
    try:
        page.answer_all(answers)
        page.page.click("#tab-browse")
        assert page.page.locator("#drawing svg").count() == 1
        on_path = page.page.locator("#drawing g.node.on-path").count()
        assert on_path >= 2
        page.page.locator(f'button[data-node="{decided}"]').click()
        assert page.page.locator("#node-details h4").inner_text() != ""
        # keyboard: a node of the drawing is focusable and Enter selects it
        node = page.page.locator("#drawing g.node").first
        node.focus()
        page.page.keyboard.press("Enter")
        assert page.page.locator("#node-details h4").count() == 1
        assert page.errors == []
    finally:
        page.close()


@needs_browser
def test_extra_reference_data_is_shown_as_text(chromium: Any, tmp_path: Path) -> None:
    path = tmp_path / "lists.html"
    lists = {"watch list": ["<b>Alpha</b>", "Beta"], "as_of": "2026-01-01"}
    path.write_text(explorer(reference_tree(), lists=lists), encoding="utf-8")
    page = Page(chromium, path)
    try:
        page.page.click("#tab-browse")
        text = page.page.locator("#lists").text_content() or ""
        assert "<b>Alpha</b>" in text
        assert "watch list" in text
        assert page.page.locator("#lists b").count() == 0
    finally:
        page.close()


@needs_browser
def test_page_without_drawing_says_so(chromium: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:

    def no_dot(*args: Any, **kwargs: Any) -> bytes:
        raise decision_trees.MissingDependencyError("Graphviz dot", "apt-get install graphviz")

    monkeypatch.setattr(decision_trees, "render", no_dot, raising=False)
    path = tmp_path / "p.html"
    path.write_text(explorer(reference_tree()), encoding="utf-8")
    page = Page(chromium, path)
    try:
        page.page.click("#tab-browse")
        assert page.page.locator("#no-drawing").count() == 1
        assert page.errors == []
    finally:
        page.close()


@needs_browser
def test_no_wcag_violations(chromium: Any, reference_page: Path, tmp_path: Path) -> None:
    axe = os.environ.get("AXE_JS")
    if not axe or not Path(axe).is_file():
        pytest.skip("axe-core is not available (set AXE_JS to axe.min.js; .ci/run fetches it with npm)")
    source = Path(axe).read_text(encoding="utf-8")
    _, answers = example_answers(EXAMPLES[0])
    page = Page(chromium, reference_page, bypass_csp=True)
    try:
        results: list[Any] = []

        def check(where: str) -> None:
            page.page.evaluate(source)
            found = page.page.evaluate(
                "async () => (await axe.run(document, "
                "{runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}))"
                ".violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
            )
            results.extend(f"{where}: {v}" for v in found)

        check("first question")
        page.answer_all(answers)
        check("result")
        page.page.select_option("#lang", "en")
        page.page.click("#tab-browse")
        check("browse")
        assert results == []
    finally:
        page.close()


def hostile_tree() -> Tree:
    from test_rendering_support import HOSTILE, RICH_TREE, with_texts

    texts = iter(HOSTILE * 20)
    data = with_texts(yaml.safe_load(RICH_TREE), lambda: next(texts))
    for index, node in enumerate(data["nodes"].values()):
        if index % 2 == 0:
            node["section"] = next(texts)
    return decision_trees.load(data) if not isinstance(data, Tree) else data


@needs_browser
def test_hostile_texts_stay_text_in_the_browser(chromium: Any, tmp_path: Path) -> None:
    tree = hostile_tree()
    path = tmp_path / "hostile.html"
    path.write_text(explorer(tree), encoding="utf-8")
    page = Page(chromium, path)
    try:
        pg = page.page

        def assert_clean() -> None:
            bad = pg.evaluate((HERE_JS / "markup_check.js").read_text(encoding="utf-8"))
            assert bad == []

        assert_clean()
        for _ in range(6):  # answer whatever is asked with the first choice or a number
            key = page.asked()
            if key is None:
                break
            decl = tree.inputs[key]
            value: Any = {"boolean": True, "number": 1, "integer": 1}.get(decl.type)
            if value is None:
                value = [] if decl.type == "set" else next(iter(getattr(decl, "values", {"x": 0})))
            page.answer(key, value)
            assert_clean()
        pg.click("#tab-browse")
        pg.locator("#drawing g.node").first.click() if pg.locator("#drawing g.node").count() else None
        assert_clean()
        assert page.errors == []
        assert pg.evaluate("typeof window.alert_called") == "undefined"
    finally:
        page.close()
