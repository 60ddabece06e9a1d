"""The toolbar's "read aloud" button drives the browser's speech synthesis (stubbed here, so the
test hears nothing and records what would be said)."""

import pytest
from browser_helpers import open_page

SPEECH_STUB = """
(() => {
  window.__spoken = [];
  window.__cancelled = 0;
  window.SpeechSynthesisUtterance = function (text) {
    this.text = text; this.lang = ""; this.voice = null; this.onend = null; this.onerror = null;
  };
  const voices = [
    {name: "English", lang: "en-US", default: true, localService: true, voiceURI: "en"},
    {name: "Tiếng Việt", lang: "vi-VN", default: false, localService: true, voiceURI: "vi"},
  ];
  const stub = {
    speaking: false, pending: false, paused: false,
    getVoices() { return voices; },
    speak(utterance) {
      window.__spoken.push({lang: utterance.lang, text: utterance.text,
                            voice: utterance.voice && utterance.voice.name});
      window.__last = utterance;
    },
    cancel() { window.__cancelled += 1; },
    pause() {}, resume() {}, addEventListener() {}, removeEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", {value: stub, configurable: true});
  window.__finish = () => window.__last && window.__last.onend && window.__last.onend();
})();
"""
NO_SPEECH = """
(() => {
  delete window.speechSynthesis;
  Object.defineProperty(window, "speechSynthesis", {value: undefined, configurable: true});
  delete window.SpeechSynthesisUtterance;
})();
"""
BUTTON = ".a11y-toolbar [data-read-aloud]"


@pytest.mark.parametrize(
    ("path", "lang", "voice", "heading"),
    [
        ("/hoi-dap/", "vi-VN", "Tiếng Việt", "Hỏi đáp"),
        ("/en/questions/", "en-US", "English", "Questions and answers"),
    ],
)
def test_read_aloud_reads_the_main_content_in_the_page_language(
    demo_site, page, path, lang, voice, heading
):
    page.add_init_script(SPEECH_STUB)
    open_page(page, demo_site, path)
    button = page.locator(BUTTON)
    assert button.is_visible()
    start, stop = button.get_attribute("data-label-start"), button.get_attribute("data-label-stop")
    assert button.inner_text() == start

    button.focus()
    page.keyboard.press("Enter")
    spoken = page.evaluate("window.__spoken")
    assert spoken, "nothing was spoken"
    assert {item["lang"] for item in spoken} == {lang}
    assert {item["voice"] for item in spoken} == {voice}
    said = " ".join(item["text"] for item in spoken)
    assert heading in said
    footer = page.locator("footer").inner_text().split("\n")[0].strip()
    assert footer and footer not in said
    assert all(len(item["text"]) <= 221 for item in spoken)
    assert button.inner_text() == stop

    page.keyboard.press("Space")
    assert page.evaluate("window.__cancelled") >= 2
    assert button.inner_text() == start

    button.click()
    page.evaluate("window.__finish()")
    assert button.inner_text() == start


def test_without_speech_synthesis_the_button_stays_hidden(demo_site, page):
    page.add_init_script(NO_SPEECH)
    open_page(page, demo_site, "/")
    assert page.locator(BUTTON).count() == 1
    assert not page.locator(BUTTON).is_visible()
