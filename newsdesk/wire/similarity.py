"""Near-duplicates and stories for wire items (docs/wire-similarity.md).

Two questions are asked of every new item (and of every new version of one):

* Is it a copy of something we already hold? The same wire copy republished
  by several outlets, with a new headline, a sentence more or less, an
  outlet's boilerplate. MinHash over word shingles estimates the Jaccard
  similarity of two texts; LSH banding finds the candidates through an index
  instead of comparing against everything; a candidate counts only when its
  estimated Jaccard reaches ``DUPLICATE_THRESHOLD``. The item then points at
  the earliest such item, the original copy.
* Which story is it part of? Items about the same event written by different
  people share few shingles but the same names, places and subject words.
  A TF-IDF cosine over the headline and the lead, against the originals seen
  in the last ``STORY_WINDOW`` (at most ``STORY_POOL`` of them), joins the
  best story at ``STORY_THRESHOLD`` or above, else starts a new one.
  Document frequencies are those of the same pool: recent, bounded and
  matched to what the desk is seeing now.

The pure functions here are shared by ``assign()`` (the database path, with
``ItemBand`` as the LSH table) and by ``Engine`` (in memory, for the labelled
set's evaluation and for bench/wire.py), so both run the same code. The
thresholds come from the labelled set in newsdesk/wire/labelled/.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
from datasketch import MinHash

if TYPE_CHECKING:
    from newsdesk.wire.models import WireItem

# --- parameters (chosen from the labelled set; see docs/wire-similarity.md) ---

NUM_PERM = 128
SEED = 1
SCHEME = "affine64"  # 64-bit hash values, stored as little-endian uint64
SHINGLE_WORDS = 4
DUPLICATE_THRESHOLD = 0.4
BANDS, ROWS = 32, 4  # optimal_bands(DUPLICATE_THRESHOLD), asserted by the tests
# Fewer words than this (headline + text) and an item gets no signature: a
# one-line flash shares too much with every other flash to call it a copy.
MIN_WORDS = 25
# At most this many LSH candidates are verified per item (earliest first).
CANDIDATE_LIMIT = 50

STORY_THRESHOLD = 0.4
STORY_WINDOW = timedelta(hours=48)
STORY_POOL = 500  # originals compared per item, newest first
LEAD_WORDS = 80  # words of the lead (summary, else text) after the headline
LEAD_CHARS = 1000  # read from the database for the lead; LEAD_WORDS fit in it
TITLE_WEIGHT = 2  # a headline word counts as this many lead words
ENTITY_WEIGHT = 5  # a capitalised word (a name) counts as this many
MAX_DF = 0.1  # terms in this share of the pool are not compared...
DF_FLOOR = 5  # ...when that share is more than this many entries

_WORD = re.compile(r"\w+")


# --- text ---------------------------------------------------------------


def normalise(text: str) -> str:
    """NFKC, case-folded, punctuation dropped, one space between words."""
    return " ".join(words(text))


def words(text: str) -> list[str]:
    """The words of a text: NFKC, case-folded, split on anything not a letter
    or digit, so quotes, dashes and punctuation styles do not matter."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold().replace("_", " "))


def shingles(tokens: Sequence[str], size: int = SHINGLE_WORDS) -> set[str]:
    """Word n-grams of ``size`` words; a text shorter than that is one shingle."""
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def dedup_text(title: str, text: str, summary: str = "") -> str:
    """What an item's signature is computed from: headline and text (the
    summary when the feed carried no text)."""
    return f"{title}\n{text or summary}"


# --- MinHash ------------------------------------------------------------

_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
_PERMUTATIONS = _TEMPLATE.permutations  # computing these is most of a MinHash's setup


def _hash64(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


_TOKEN_HASHES: dict[str, int] = {}
# Shingle hash = sum of its words' hashes times one odd constant per position
# (mod 2^64): order matters, and MinHash mixes the result again (fmix).
_POSITION = np.array([_hash64(f"position {n}".encode()) | 1 for n in range(16)], dtype=np.uint64)


def _token_hash(word: str) -> int:
    value = _TOKEN_HASHES.get(word)
    if value is None:
        if len(_TOKEN_HASHES) > 1_000_000:  # a vocabulary, not a memory leak
            _TOKEN_HASHES.clear()
        value = _TOKEN_HASHES[word] = _hash64(word.encode())
    return value


def shingle_hashes(tokens: Sequence[str], size: int = SHINGLE_WORDS) -> np.ndarray:
    """64-bit hashes of the word shingles of ``tokens`` (what ``shingles``
    returns, hashed without building the strings)."""
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    hashes = np.fromiter((_token_hash(w) for w in tokens), dtype=np.uint64, count=len(tokens))
    width = min(size, len(tokens))
    count = len(tokens) - width + 1
    result = np.zeros(count, dtype=np.uint64)
    for j in range(width):
        result += hashes[j : j + count] * _POSITION[j]
    return result


def signature_of_words(tokens: Sequence[str], size: int = SHINGLE_WORDS) -> MinHash:
    m = MinHash(
        num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=int, permutations=_PERMUTATIONS
    )
    m.update_batch(shingle_hashes(tokens, size))
    return m


def signature(text: str, size: int = SHINGLE_WORDS) -> MinHash:
    """The MinHash of a text's word shingles (fixed seed: comparable forever)."""
    return signature_of_words(words(text), size)


def to_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype="<u8").tobytes()


def from_bytes(data: bytes | memoryview) -> MinHash:
    values = np.frombuffer(bytes(data), dtype="<u8")
    if len(values) != NUM_PERM:
        raise ValueError(f"a signature has {NUM_PERM} values, this one {len(values)}")
    return MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        scheme=SCHEME,
        hashfunc=int,
        hashvalues=values.astype(np.uint64),
        permutations=_PERMUTATIONS,
    )


def jaccard(a: MinHash, b: MinHash) -> float:
    """Estimated Jaccard similarity: the share of equal MinHash values."""
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / NUM_PERM


# --- LSH banding --------------------------------------------------------


def optimal_bands(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """Bands x rows minimising the area of false positives (pairs below the
    threshold that share a bucket) plus false negatives (pairs above it that
    share none), equally weighted, as datasketch's MinHashLSH does."""
    grid = np.linspace(0.0, 1.0, 1001)
    below, above = grid[grid < threshold], grid[grid >= threshold]
    best: tuple[float, int, int] | None = None
    for rows in range(1, num_perm + 1):
        bands = np.arange(1, num_perm // rows + 1)[:, None]
        fp = np.trapezoid(1 - (1 - below**rows) ** bands, below, axis=1) if len(below) else 0.0
        fn = np.trapezoid((1 - above**rows) ** bands, above, axis=1) if len(above) else 0.0
        cost = np.broadcast_to(fp + fn, (len(bands),))
        i = int(np.argmin(cost))
        if best is None or cost[i] < best[0]:
            best = (float(cost[i]), int(bands[i, 0]), rows)
    assert best is not None
    return best[1], best[2]


@dataclass(frozen=True)
class Params:
    """Everything the evaluation varies; the defaults are production's."""

    shingle_words: int = SHINGLE_WORDS
    duplicate_threshold: float = DUPLICATE_THRESHOLD
    min_words: int = MIN_WORDS
    story_threshold: float = STORY_THRESHOLD
    story_window: timedelta = STORY_WINDOW
    story_pool: int = STORY_POOL
    lead_words: int = LEAD_WORDS
    entity_weight: int = ENTITY_WEIGHT
    bands: int = BANDS
    rows: int = ROWS

    @classmethod
    def for_threshold(cls, duplicate_threshold: float, **others: Any) -> Params:
        """Params whose bands x rows suit ``duplicate_threshold``."""
        bands, rows = optimal_bands(duplicate_threshold)
        return cls(duplicate_threshold=duplicate_threshold, bands=bands, rows=rows, **others)


DEFAULT = Params()


def band_buckets(m: MinHash, params: Params = DEFAULT) -> list[tuple[int, str]]:
    """(band, bucket) keys of a signature: each band of ``rows`` values hashed
    to 16 hex digits. Two items share a key when a whole band is equal."""
    values = np.asarray(m.hashvalues, dtype="<u8")
    keys = []
    for band in range(params.bands):
        chunk = values[band * params.rows : (band + 1) * params.rows].tobytes()
        keys.append((band, hashlib.blake2b(chunk, digest_size=8).hexdigest()))
    return keys


# --- stories: TF-IDF over the headline and the lead ---------------------

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "ago",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "last",
        "like",
        "many",
        "may",
        "me",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "myself",
        "new",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "one",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "per",
        "said",
        "same",
        "say",
        "says",
        "she",
        "should",
        "since",
        "so",
        "some",
        "still",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "two",
        "under",
        "until",
        "up",
        "us",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "year",
        "years",
        "yet",
        "you",
        "your",
        "yesterday",
        "today",
        "tomorrow",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "week",
        "told",
        "according",
        "reported",
        "added",
        "people",
        "first",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "hundred",
        "thousand",
        "million",
        "percent",
    ]
)


def _term(word: str) -> str | None:
    if word in STOPWORDS or word.isdigit() or len(word) < 3:
        return None
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]  # a plural and its singular are the same subject
    return word


_CASED_WORD = re.compile(r"\w+")


def _cased_words(text: str) -> list[str]:
    return _CASED_WORD.findall(unicodedata.normalize("NFKC", text).replace("_", " "))


def story_terms(
    title: str,
    summary: str,
    text: str,
    lead_words: int = LEAD_WORDS,
    entity_weight: int = ENTITY_WEIGHT,
) -> Counter[str]:
    """Term counts of the headline (weighted) and the first ``lead_words``
    words of the summary, or of the text when the summary is a stub.
    Capitalised words count ``entity_weight`` times: names of people, places
    and organisations tell one event from another of the same kind."""
    lead = _cased_words(summary[:LEAD_CHARS])
    if len(lead) < 15:
        lead = _cased_words(text[:LEAD_CHARS]) or lead
    counts: Counter[str] = Counter()
    for weight, tokens in ((TITLE_WEIGHT, _cased_words(title)), (1, lead[:lead_words])):
        for word in tokens:
            term = _term(word.casefold())
            if term:
                counts[term] += weight * (entity_weight if word[0].isupper() else 1)
    return counts


@dataclass
class PoolEntry:
    key: Any
    story: Any
    at: datetime
    weights: dict[str, float]  # sublinear term frequency, before IDF


def _tf(counts: Counter[str]) -> dict[str, float]:
    return {term: 1.0 + math.log(n) for term, n in counts.items()}


@dataclass
class StoryPool:
    """The originals recent enough to join: newest ``capacity`` within
    ``window`` of the newest. Keeps document frequencies and an inverted
    index, so scoring an item touches only entries sharing a term with it."""

    window: timedelta = STORY_WINDOW
    capacity: int = STORY_POOL
    entries: deque[PoolEntry] = field(default_factory=deque)
    df: Counter[str] = field(default_factory=Counter)
    postings: dict[str, set[int]] = field(default_factory=dict)
    _by_id: dict[int, PoolEntry] = field(default_factory=dict)

    def add(self, entry: PoolEntry) -> None:
        self.entries.append(entry)
        self._by_id[id(entry)] = entry
        for term in entry.weights:
            self.df[term] += 1
            self.postings.setdefault(term, set()).add(id(entry))
        while len(self.entries) > self.capacity:
            self._drop()

    def expire(self, now: datetime) -> None:
        while self.entries and self.entries[0].at < now - self.window:
            self._drop()

    def _drop(self) -> None:
        entry = self.entries.popleft()
        del self._by_id[id(entry)]
        for term in entry.weights:
            self.df[term] -= 1
            if not self.df[term]:
                del self.df[term]
                del self.postings[term]
            else:
                self.postings[term].discard(id(entry))

    def best(self, counts: Counter[str], threshold: float = 0.0) -> tuple[Any, float]:
        """The story whose closest entry has the highest TF-IDF cosine with
        ``counts`` (the item itself counts as a document), if that reaches
        ``threshold``, and that cosine; else (None, 0.0).

        Terms common in the pool (in more than ``MAX_DF`` of it, when that
        is more than ``DF_FLOOR`` entries) are left out, as stop words are:
        they say what kind of news it is, not which event. An entry is
        scored in full only if the terms it shares could reach the threshold
        (Cauchy-Schwarz: cosine <= |shared part of the item| / |item|)."""
        n = len(self.entries) + 1
        common = max(DF_FLOOR, int(MAX_DF * n))
        df = self.df
        idf: dict[str, float] = {}
        for term in counts:
            idf[term] = math.log((1 + n) / (2 + df.get(term, 0))) + 1
        weights = {t: w * idf[t] for t, w in _tf(counts).items() if df.get(t, 0) < common}
        qnorm = math.sqrt(sum(w * w for w in weights.values()))
        if not qnorm:
            return None, 0.0
        shared: dict[int, float] = {}
        for term, q in weights.items():
            qq = q * q
            for key in self.postings.get(term, ()):
                shared[key] = shared.get(key, 0.0) + qq
        need = (threshold * qnorm) ** 2 * (1 - 1e-9)
        log_n1 = math.log(1 + n)
        best_story, best_score = None, 0.0
        for key, mass in shared.items():
            if mass < need:
                continue
            entry = self._by_id[key]
            dot = norm = 0.0
            for term, w in entry.weights.items():
                dft = df[term]
                if dft >= common:
                    continue
                qw = weights.get(term)
                if qw:
                    wt = w * idf[term]
                    dot += qw * wt
                else:
                    wt = w * (log_n1 - math.log(1 + dft) + 1)
                norm += wt * wt
            score = dot / (qnorm * math.sqrt(norm)) if norm else 0.0
            if score > best_score:
                best_story, best_score = entry.story, score
        if best_score < threshold:
            return None, 0.0
        return best_story, best_score


# --- the in-memory engine -----------------------------------------------


@dataclass
class Decision:
    duplicate_of: Any
    story: Any
    similarity: float  # estimated Jaccard with the original, or story cosine


class Engine:
    """assign() without a database: the same signatures, bands, verification
    and story pool, with dicts for ItemBand and Story. Items must be added in
    the order they were first seen."""

    def __init__(self, params: Params = DEFAULT) -> None:
        self.params = params
        self.buckets: list[dict[str, list[Any]]] = [{} for _ in range(params.bands)]
        self.signatures: dict[Any, np.ndarray] = {}
        self.roots: dict[Any, Any] = {}
        self.stories: dict[Any, Any] = {}
        self.story_sizes: Counter[Any] = Counter()
        self.order: dict[Any, int] = {}
        self.pool = StoryPool(window=params.story_window, capacity=params.story_pool)
        self._next_story = 0

    def add(self, key: Any, title: str, summary: str, text: str, seen_at: datetime) -> Decision:
        p = self.params
        self.order[key] = len(self.order)
        tokens = words(dedup_text(title, text, summary))
        original, similarity = None, 0.0
        if len(tokens) >= p.min_words:
            m = signature_of_words(tokens, p.shingle_words)
            keys = band_buckets(m, p)
            found: set[Any] = set()
            for band, bucket in keys:
                found.update(self.buckets[band].get(bucket, ()))
            earliest = sorted(found, key=self.order.__getitem__)[:CANDIDATE_LIMIT]
            for other in earliest:
                s = float(np.count_nonzero(self.signatures[other] == m.hashvalues)) / NUM_PERM
                if s >= p.duplicate_threshold:
                    original, similarity = self.roots.get(other, other), s
                    break
            for band, bucket in keys:
                self.buckets[band].setdefault(bucket, []).append(key)
            self.signatures[key] = m.hashvalues
        if original is not None:
            self.roots[key] = original
            story = self.stories[original]
        else:
            self.pool.expire(seen_at)
            counts = story_terms(title, summary, text, p.lead_words, p.entity_weight)
            story, similarity = self.pool.best(counts, p.story_threshold)
            if story is None:
                story = self._next_story
                self._next_story += 1
            self.pool.add(PoolEntry(key, story, seen_at, _tf(counts)))
        self.stories[key] = story
        self.story_sizes[story] += 1
        return Decision(original, story, similarity)


# --- the database path --------------------------------------------------


def assign(item: WireItem) -> None:
    """Sign ``item``, index its bands, mark it a copy of the earliest item it
    duplicates and put it in a story. Call after saving the item or a new
    version of it; runs in its own (nested) transaction, in a bounded number
    of queries whatever the size of the table."""
    from django.db import transaction
    from django.db.models import F, Q
    from django.db.models.functions import Greatest, Substr

    from newsdesk.wire.models import TITLE_MAX, ItemBand, Story, WireItem

    p = DEFAULT
    seen = item.first_seen_at
    with transaction.atomic():
        tokens = words(dedup_text(item.title, item.text, item.summary))
        original_id: int | None = None
        original_story: int | None = None
        ItemBand.objects.filter(item=item).delete()
        item.minhash = None
        if len(tokens) >= p.min_words:
            m = signature_of_words(tokens, p.shingle_words)
            keys = band_buckets(m, p)
            item.minhash = to_bytes(m)
            match = Q()
            for band, bucket in keys:
                match |= Q(band=band, bucket=bucket)
            candidates = (
                WireItem.objects.filter(
                    pk__in=ItemBand.objects.filter(match).values("item_id"),
                    is_deleted=False,
                    minhash__isnull=False,
                )
                .filter(Q(first_seen_at__lt=seen) | Q(first_seen_at=seen, pk__lt=item.pk))
                .order_by("first_seen_at", "pk")
                .values_list("pk", "minhash", "duplicate_of_id", "story_id")[:CANDIDATE_LIMIT]
            )
            for pk, data, root, their_story in candidates:
                if data is not None and jaccard(m, from_bytes(data)) >= p.duplicate_threshold:
                    original_id, original_story = root or pk, their_story
                    break
            ItemBand.objects.bulk_create(
                [ItemBand(item=item, band=band, bucket=bucket) for band, bucket in keys]
            )
        item.duplicate_of_id = original_id
        previous_story = item.story_id
        story_id: int | None = original_story if original_id else previous_story
        if story_id is None:
            rows = (
                WireItem.objects.filter(
                    first_seen_at__gte=seen - p.story_window,
                    first_seen_at__lte=seen,
                    duplicate_of__isnull=True,
                    story__isnull=False,
                    is_deleted=False,
                )
                .exclude(pk=item.pk)
                .order_by("-first_seen_at", "-pk")
                .values_list(
                    "pk",
                    "story_id",
                    "first_seen_at",
                    "title",
                    Substr("summary", 1, LEAD_CHARS),
                    Substr("text", 1, LEAD_CHARS),
                )[: p.story_pool]
            )
            pool = StoryPool(window=p.story_window, capacity=p.story_pool)
            for pk, sid, at, title, summary, text in reversed(list(rows)):
                terms = story_terms(title, summary, text, p.lead_words, p.entity_weight)
                pool.add(PoolEntry(pk, sid, at, _tf(terms)))
            counts = story_terms(item.title, item.summary, item.text, p.lead_words, p.entity_weight)
            best, _ = pool.best(counts, p.story_threshold)
            if best is not None:
                story_id = best
        if story_id is None:
            story = Story.objects.create(
                title=item.title[:TITLE_MAX], first_seen_at=seen, last_seen_at=seen, item_count=1
            )
            story_id = story.pk
        elif story_id != previous_story:
            Story.objects.filter(pk=story_id).update(
                item_count=F("item_count") + 1, last_seen_at=Greatest("last_seen_at", seen)
            )
        if previous_story is not None and previous_story != story_id:
            Story.objects.filter(pk=previous_story, item_count__gt=0).update(
                item_count=F("item_count") - 1
            )
        item.story_id = story_id
        item.save(update_fields=["minhash", "duplicate_of", "story"])


def iter_pairs(groups: Iterable[Sequence[Any]]) -> Iterable[tuple[Any, Any]]:
    """Unordered pairs inside each group (for pairwise precision and recall)."""
    for group in groups:
        members = sorted(group, key=str)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                yield a, b
