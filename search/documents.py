"""The search documents (search.models.SearchDocument) and the vocabulary, kept in step with the pages.

A live searchable page has one document: its texts by weight (SearchablePage.search_texts), each
normalised once by search.french, which every engine then indexes as it is (search.fulltext). Its words as
written feed the vocabulary (SearchWord: word → term, number of pages), which completes and corrects
what readers type (search.vocabulary).

Written at each publication (portal.publication's "index" step), removed when the page leaves the site,
and rebuilt in one pass by `rebuild_all` (update_index, bulk imports).
"""

from collections import Counter

from django.db import transaction
from django.db.models import F

from . import french, fulltext
from .contract import SearchablePage
from .models import SearchDocument, SearchWord

MAX_WORD_LENGTH = 64


def document_for(page):
    """The unsaved SearchDocument of a live searchable page (a specific instance)."""
    words = set()
    texts = page.normalised_texts(words)
    columns = {column: texts[weight] for column, weight in (("title", "A"), ("lead", "B"), ("body", "C"), ("other", "D"))}
    return SearchDocument(
        page_id=page.pk,
        published_at=page.first_published_at,
        search_type=page.search_type,
        words=" ".join(sorted(vocabulary_words(words))), **columns
    )


def vocabulary_words(words):
    """The words the vocabulary keeps: not too long, no numbers, no stop words."""
    return {word for word in words if len(word) <= MAX_WORD_LENGTH and not word.isdigit() and french.stem(word)}


def is_indexed(page):
    return page.live and isinstance(page, SearchablePage)


def sync_page(page):
    """The page's document follows its live state; the vocabulary counts follow its words."""
    with transaction.atomic():
        old = SearchDocument.objects.filter(page_id=page.pk).values_list("words", flat=True).first()
        old_words = set(old.split()) if old else set()
        if is_indexed(page):
            document = document_for(page)
            document.save()
            fulltext.settle()  # its vector written again, by the trigger
            new_words = set(document.words.split())
        else:
            SearchDocument.objects.filter(page_id=page.pk).delete()
            new_words = set()
        _count(new_words - old_words, 1)
        _count(old_words - new_words, -1)


def remove_page(page):
    with transaction.atomic():
        old = SearchDocument.objects.filter(page_id=page.pk).values_list("words", flat=True).first()
        if old is not None:
            SearchDocument.objects.filter(page_id=page.pk).delete()
            _count(set(old.split()), -1)


def _count(words, delta):
    if not words:
        return
    if delta > 0:
        known = set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
        SearchWord.objects.bulk_create([_word(word, delta) for word in words - known], ignore_conflicts=True)
        words = known
    SearchWord.objects.filter(word__in=words).update(documents=F("documents") + delta)
    if delta < 0:
        SearchWord.objects.filter(word__in=words, documents__lte=0).delete()


def _word(word, documents):
    plain = french.strip_accents(word)
    return SearchWord(word=word, plain=plain, term=french.stem(word), length=len(plain), documents=documents)


def rebuild_all(models, batch_size=500):
    """Every document and the whole vocabulary again, from the live pages of `models`; returns how many
    documents were written."""
    counts = Counter()
    written = 0
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        SearchWord.objects.all().delete()
        for model in models:
            queryset = model.objects.live().order_by("pk").prefetch_related(*model.search_prefetch)
            batch = []
            for page in queryset.iterator(chunk_size=batch_size):
                batch.append(document_for(page))
                if len(batch) >= batch_size:
                    written += _write(batch, counts)
                    batch = []
            written += _write(batch, counts)
        SearchWord.objects.bulk_create((_word(word, n) for word, n in counts.items()), batch_size=2000)
    return written


def add_documents(documents, counts):
    """Write new documents in bulk (bulk imports); their words are added to `counts`, which
    `merge_vocabulary` adds to the vocabulary once the import is done."""
    with transaction.atomic():
        _write(documents, counts)


def merge_vocabulary(counts):
    """Add {word: number of new pages using it} to the vocabulary, in a few bulk statements."""
    with transaction.atomic():
        # the whole vocabulary (tens of thousands of short rows at most) rather than a list of words
        # longer than SQLite accepts as parameters
        known = {row.word: row for row in SearchWord.objects.all() if row.word in counts}
        for word, row in known.items():
            row.documents += counts[word]
        SearchWord.objects.bulk_update(list(known.values()), ["documents"], batch_size=1000)
        SearchWord.objects.bulk_create(
            (_word(word, n) for word, n in counts.items() if word not in known), batch_size=2000
        )


def _write(documents, counts):
    SearchDocument.objects.bulk_create(documents, batch_size=200)
    for document in documents:
        counts.update(document.words.split())
    return len(documents)


def build_if_empty(models):
    """After `migrate`: a database that had pages before the search documents existed gets them now."""
    if SearchDocument.objects.exists():
        return 0
    if not any(model.objects.live().exists() for model in models):
        return 0
    return rebuild_all(models)
