from certificates.codes import ALPHABET, new_code, normalise_code


def test_codes_are_grouped_crockford_base32_with_80_bits():
    code = new_code()
    groups = code.split("-")
    assert [len(g) for g in groups] == [4, 4, 4, 4]
    assert all(ch in ALPHABET for ch in "".join(groups))
    assert len(ALPHABET) ** 16 == 2**80
    assert len({new_code() for _ in range(1000)}) == 1000


def test_typed_codes_forgive_case_spaces_and_look_alike_letters():
    assert normalise_code("k7qm 3xtr 9pda w2hf") == "K7QM-3XTR-9PDA-W2HF"
    assert normalise_code("K7QM3XTR9PDAW2HF") == "K7QM-3XTR-9PDA-W2HF"
    assert normalise_code("O1IL-0000-0000-0000") == "0111-0000-0000-0000"
    assert normalise_code("K7QM-3XTR-9PDA") is None
    assert normalise_code("K7QM-3XTR-9PDA-W2HU") is None  # U is not in the alphabet
    assert normalise_code("") is None
