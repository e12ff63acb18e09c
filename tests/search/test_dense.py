"""The encoder (the real all-MiniLM-L6-v2 int8 model), passage vectors and the fusion rule."""

import numpy as np
import pytest

from search.dense import MODEL_ID, PassageVectors, text_hash
from search.fusion import DENSE_WEIGHT, fuse, minmax
from search.index import Index
from search.snippets import make_snippet


@pytest.fixture(scope="module")
def encoder(dense_encoder):
    return dense_encoder


def test_vectors_are_unit_length_one_row_a_text_in_the_order_given(encoder):
    texts = ["The Taliban took Kabul in August 2021.", "x", "A much longer sentence about the drone strike "
             "that killed civilians near the airport, according to the Pentagon and witnesses."]
    rows = encoder.encode(texts)
    assert rows.shape == (3, encoder.dimensions) and rows.dtype == np.float32
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    alone = np.stack([encoder.encode([t])[0] for t in texts])
    assert (rows * alone).sum(axis=1).min() > 0.99  # batching and padding do not change a text's vector


def test_no_text_gives_no_rows(encoder):
    assert encoder.encode([]).shape == (0, encoder.dimensions)


def test_a_question_is_closest_to_the_passage_that_answers_it_in_other_words(encoder):
    passages = ["Russia, China, Iran and Pakistan have opted to keep their embassies open in Kabul.",
                "The drone strike killed ten members of one family, the Pentagon later admitted.",
                "Wheat prices rose sharply after the harvest failed across the region."]
    vectors = PassageVectors(encoder.model_id, encoder.encode(passages))
    cosine = vectors.cosine(encoder.encode(["Which countries have kept their diplomatic missions running?"])[0])
    assert int(np.argmax(cosine)) == 0


def test_text_over_the_model_limit_is_cut_not_refused(encoder):
    row = encoder.encode(["word " * 2000])
    assert row.shape == (1, encoder.dimensions) and np.isfinite(row).all()


def test_the_same_text_has_the_same_key_and_another_text_another():
    assert text_hash("Kabul airport") == text_hash("Kabul airport") != text_hash("Kabul airport.")
    assert MODEL_ID


def test_passage_vectors_must_be_a_matrix():
    with pytest.raises(ValueError):
        PassageVectors("m", np.zeros(3))


def test_minmax_maps_onto_zero_one_and_equal_scores_onto_zero():
    assert minmax(np.array([2.0, 4.0, 3.0])).tolist() == [0.0, 1.0, 0.5]
    assert minmax(np.array([5.0, 5.0])).tolist() == [0.0, 0.0]
    assert minmax(np.array([])).size == 0


def test_fusion_adds_the_cosine_to_normalised_bm25_by_the_weight():
    bm25, cosine = np.array([0.0, 10.0, 5.0]), np.array([0.9, -0.2, 0.5])
    assert np.allclose(fuse(bm25, cosine, 0.0), [0.0, 1.0, 0.5])
    assert np.allclose(fuse(bm25, cosine, 1.0), [0.9, 0.0, 0.5])  # a negative cosine counts as none
    assert np.allclose(fuse(bm25, cosine), DENSE_WEIGHT * np.array([0.9, 0.0, 0.5])
                       + (1 - DENSE_WEIGHT) * np.array([0.0, 1.0, 0.5]))
    with pytest.raises(ValueError):
        fuse(bm25, cosine[:2])


def test_a_weak_dense_reading_does_not_outweigh_the_one_passage_naming_the_subject():
    bm25 = np.array([0.0, 0.0, 12.0])  # only the last passage holds the name asked about
    cosine = np.array([0.17, 0.15, 0.05])  # the model reads a bare name poorly: low cosines everywhere
    assert int(np.argmax(fuse(bm25, cosine))) == 2


def test_hybrid_search_finds_a_paraphrase_bm25_misses(encoder, seed_corpus, seed_vectors, analyzer):
    index = Index.build(seed_corpus.passages, analyzer)
    vectors = seed_vectors
    question = "Which countries have kept their diplomatic missions in Kabul running?"
    gold = "Russia, China, Iran and Pakistan have opted to keep theirs open"
    bm25 = index.search(question, 3)
    hybrid = index.search(question, 3, cosine=vectors.cosine(encoder.encode([question])[0]))
    assert bm25.retrieval == "bm25" and hybrid.retrieval == "hybrid"
    assert gold not in (bm25.hits + bm25.closest)[0].passage.text
    assert gold in (hybrid.hits + hybrid.closest)[0].passage.text
    assert 0.0 < hybrid.similarity <= 1.0


def test_the_snippet_is_the_sentence_that_answers_in_other_words(encoder, analyzer):
    text = ("Officials in Kabul met on Tuesday to discuss the airport. "
            "Russia, China, Iran and Pakistan have kept their embassies open. "
            "The airport talks in Kabul were attended by officials from the airport authority.")
    question = "Which countries still run diplomatic missions in Kabul?"
    vector = encoder.encode([question])[0]

    def similarity(sentences):
        return encoder.encode(sentences) @ vector

    terms = set(analyzer.terms(question))
    lexical = make_snippet(text, terms, lambda t: 1.0, analyzer, max_chars=90)
    dense = make_snippet(text, terms, lambda t: 1.0, analyzer, max_chars=90, similarity=similarity)
    assert "embassies" not in lexical.text
    assert "Russia, China, Iran and Pakistan have kept their embassies open." in dense.text
