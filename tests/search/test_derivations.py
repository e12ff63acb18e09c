"""Words in other forms: the noun a stemmer leaves apart from its verb still meets it."""

from search.index import Index
from search.models import Passage, PassageKind
from search.synonyms import Synonyms


def test_a_stem_is_related_to_the_corpus_terms_that_add_or_drop_a_derivational_ending():
    related = Synonyms.empty().with_derivations(["marriag", "found", "founder", "foundat", "pap"])
    assert related.related("marri") == {"marriag"}  # the question's form need not be in the corpus
    assert related.related("found") == {"founder", "foundat"}
    assert related.related("founder") == set()  # "er" is only added: counter must not meet count
    assert Synonyms.empty().with_derivations(["count"]).related("counter") == set()
    assert related.related("paper") == set()  # its root would be too short
    assert related.related("harvest") == set()


def test_synonym_groups_are_kept_beside_the_derivations():
    groups = Synonyms([["attack", "assault"]], lambda w: [w]).with_derivations(["attacker"])
    assert groups.related("attack") == {"assault", "attacker"}


def test_marry_finds_the_marriage_and_founded_the_founder(analyzer):
    passages = [Passage("d", 1, "The marriage of Emma and King Ethelred II sealed the alliance.", PassageKind.BODY),
                Passage("d", 2, "The death of the founder of the Taliban was announced in 2015.", PassageKind.BODY),
                Passage("d", 3, "The harvest was poor in the north this year.", PassageKind.BODY)]
    index = Index.build(passages, analyzer)
    for question, paragraph in (("Who did Emma marry?", 1), ("Who founded the Taliban?", 2)):
        result = index.search(question)
        assert (result.hits + result.closest)[0].passage.paragraph == paragraph
    without = Index(index.passages, analyzer, index.matrix)  # the same index without the derivations
    assert without.coverage(without.parse("Who founded the Taliban?"), 1)[0] \
        < index.coverage(index.parse("Who founded the Taliban?"), 1)[0]
