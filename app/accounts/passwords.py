"""Password rules, each with a message that tells the member what to change."""

from app.core.errors import FieldError, Invalid

MIN_LENGTH = 10

# The most common passwords in public breach lists, lower-cased; longer lists belong in a
# breached-password service, but these alone stop the guesses attackers try first.
COMMON_PASSWORDS = frozenset(
    {
        "123456789", "1234567890", "12345678910", "password", "password1", "password12",
        "password123", "passw0rd", "qwertyuiop", "qwerty1234", "qwerty12345", "1q2w3e4r5t",
        "1qaz2wsx3edc", "iloveyou1", "iloveyou12", "abc1234567", "abcdefghij", "0123456789",
        "9876543210", "1111111111", "0000000000", "football123", "baseball123", "welcome123",
        "sunshine12", "princess12", "monkey1234", "dragon1234", "letmein123", "trustno1234",
        "changeme123", "administrator", "admin12345", "meditation", "meditation1", "mindfulness",
        "sleepwell1", "relaxation", "calmness123", "qwerty123456", "123123123123", "superman123",
        "starwars123",
    }
)  # fmt: skip


def password_problems(password: str, *, email: str) -> list[str]:
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"Use at least {MIN_LENGTH} characters.")
    if password.lower() in COMMON_PASSWORDS:
        problems.append("This password is one of the most common ones; choose another.")
    if len(set(password)) < 4:
        problems.append("Use at least 4 different characters.")
    local_part = email.split("@", 1)[0].lower()
    if len(local_part) >= 4 and local_part in password.lower():
        problems.append("Do not include your email address in the password.")
    return problems


def check_password(password: str, *, email: str) -> None:
    problems = password_problems(password, email=email)
    if problems:
        raise Invalid(
            "The password does not meet the rules: " + " ".join(problems),
            errors=[FieldError("body", "password", problem) for problem in problems],
        )
