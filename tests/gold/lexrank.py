"""The extractive baseline: sumy's LexRank picking as many sentences as the brief has lines.

It reads the same citable sentences briefgen does (body and note paragraphs, whole
sentences), so its picks are exact source sentences too; the comparison is about which
facts each covers. sumy is a test dependency only; its tokenizer here is a plain word
split, so nothing (no NLTK data) is downloaded.
"""

from __future__ import annotations

from pathlib import Path

from sumy.models.dom import ObjectDocumentModel
from sumy.models.dom import Paragraph as SumyParagraph
from sumy.models.dom import Sentence as SumySentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

from briefgen.extract import CITABLE_ZONES, is_whole_sentence
from briefgen.ingest import TextView, ingest_document
from briefgen.workspace.catalogue import load_catalogue


class _WordTokenizer:
    language = "english"

    def to_words(self, sentence: str) -> list[str]:
        return [w.strip(".,;:!?“”\"'()[]—") for w in sentence.split() if w.strip(".,;:!?")]

    def to_sentences(self, paragraph: str) -> list[str]:
        return [paragraph]


def lexrank_picks(corpus: Path, count: int) -> list[tuple[str, int, str]]:
    """(source, paragraph, sentence) of the `count` sentences LexRank ranks highest."""
    tokenizer = _WordTokenizer()
    where: dict[str, tuple[str, int]] = {}
    paragraphs = []
    for entry in load_catalogue(corpus):
        document = ingest_document(entry)
        view = TextView(document.text)
        for paragraph in document.paragraphs:
            if paragraph.zone not in CITABLE_ZONES:
                continue
            sentences = []
            for sentence in paragraph.sentences:
                shown = view.shown(sentence.start, sentence.end)
                if is_whole_sentence(shown) and shown not in where:
                    where[shown] = (document.id, paragraph.number)
                    sentences.append(SumySentence(shown, tokenizer))
            if sentences:
                paragraphs.append(SumyParagraph(sentences))
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    picked = summarizer(ObjectDocumentModel(paragraphs), count)
    return [(*where[str(s)], str(s)) for s in picked]
