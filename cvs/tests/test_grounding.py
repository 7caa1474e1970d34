"""A model's reading of a CV keeps only what the CV says."""

from cvs.grounding import ground_profile

TEXT = "Jane Doe\nBerlin\n+49 30 901820\nData engineer, Lumen GmbH, Jan 2020 – Present\nAnalyst, Acme, 2017 – 2019"


def test_values_the_cv_does_not_contain_are_dropped():
    profile = {
        "basics": {
            "name": "Jane Doe",
            "label": "Thought leader",
            "phone": "+49 30 901820",
            "location": {"city": "Berlin", "countryCode": "DE"},
        },
        "work": [
            {"name": "Lumen GmbH", "position": "Data engineer", "startDate": "2020-01"},
            {"name": "Acme", "position": "Analyst", "startDate": "2017-05", "endDate": "2019"},
            {"name": "Google", "position": "Staff engineer"},
        ],
    }
    grounded, dropped = ground_profile(profile, TEXT)
    assert grounded == {
        "basics": {"name": "Jane Doe", "phone": "+49 30 901820", "location": {"city": "Berlin", "countryCode": "DE"}},
        "work": [
            {"name": "Lumen GmbH", "position": "Data engineer", "startDate": "2020-01"},
            {"name": "Acme", "position": "Analyst", "endDate": "2019"},  # "2017-05": the CV says only 2017
        ],
    }
    assert dropped == 4  # the label, "2017-05", "Google" and "Staff engineer"


def test_a_phone_made_of_digits_from_elsewhere_and_a_wrong_country_are_dropped():
    grounded, _ = ground_profile(
        {"basics": {"phone": "555 192021", "location": {"city": "Berlin", "countryCode": "US"}}},
        "Berlin\nAcme, 2019 - 2021",
    )
    assert grounded == {"basics": {"location": {"city": "Berlin"}}}
