"""Rules for ATT&CK identity techniques in cloud command lines (aws iam, az ad, gcloud iam) and
the Azure AD, Entra and Microsoft Graph PowerShell modules.

Rule ids are `TUX-NNN` (200-239, shared with techniques_cloud). Listing identities weighs
little; adding keys, granting owner roles, backdooring federation and forging tokens weigh
heavily. Gaps are bounded (see platforms.near).
"""

from __future__ import annotations

from wingman.core.scripts.rules.platforms import near, technique

TAGS = frozenset({"technique", "cloud"})
_AWS = r"\baws\s{1,3}(?:--\w[\w-]{0,20}\s{1,3}\S{1,60}\s{1,3}){0,2}"

RULES = (
    technique(
        "TUX-207",
        "Creates a cloud user or service account",
        "T1136.003",
        15,
        (
            rf"{_AWS}iam\s{{1,3}}create-user\b",
            r"\baz\s{1,3}ad\s{1,3}(?:user|sp)\s{1,3}create\b",
            r"\bgcloud\s{1,3}iam\s{1,3}service-accounts\s{1,3}create\b",
            r"\bNew-(?:AzureADUser|MgUser|AzADUser|AzADServicePrincipal|AzureADServicePrincipal)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-208",
        "Adds access keys, passwords or secrets to a cloud identity",
        "T1098.001",
        30,
        (
            rf"{_AWS}iam\s{{1,3}}(?:create-access-key|create-login-profile|update-login-profile)\b",
            r"\baz\s{1,3}ad\s{1,3}(?:app|sp)\s{1,3}credential\s{1,3}reset\b",
            r"\bgcloud\s{1,3}iam\s{1,3}service-accounts\s{1,3}keys\s{1,3}create\b",
            r"\b(?:New-AzADAppCredential|New-AzADSpCredential|New-AzureADApplicationPasswordCredential"
            r"|New-AzureADServicePrincipalPasswordCredential|Add-MgApplicationPassword"
            r"|Add-MgServicePrincipalPassword)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-209",
        "Grants a cloud identity an owner or administrator role",
        "T1098.003",
        35,
        (
            near(
                rf"{_AWS}iam\s{{1,3}}(?:attach-(?:user|role|group)-policy|put-(?:user|role|group)-policy"
                r"|add-user-to-group)\b",
                r"(?:AdministratorAccess|IAMFullAccess|[\"']Action[\"']\s{0,3}"
                r":\s{0,3}[\"']\*|--group-name\s{1,3}\S{0,20}admin)",
                400,
            ),
            near(
                r"\baz\s{1,3}role\s{1,3}assignment\s{1,3}create\b",
                r"--role\s{1,3}[\"']?(?:Owner"
                r"|Contributor|User Access Administrator)\b",
                300,
            ),
            near(
                r"\bgcloud\s{1,3}(?:projects|organizations)\s{1,3}add-iam-policy-binding\b",
                r"roles/(?:owner|editor|iam\.securityAdmin|resourcemanager\.organizationAdmin)\b",
                300,
            ),
            r"\bAdd-(?:AzureAD|Msol)DirectoryRoleMember\b|\bAdd-MsolRoleMember\b",
            near(r"\bNew-AzRoleAssignment\b", r"\b(?:Owner|Contributor)\b", 300),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-210",
        "Lists cloud users, roles and the caller's identity",
        "T1087.004",
        4,
        (
            rf"{_AWS}iam\s{{1,3}}(?:list-users|list-roles|get-account-authorization-details"
            r"|list-access-keys|get-user)\b",
            rf"{_AWS}sts\s{{1,3}}get-caller-identity\b",
            r"\baz\s{1,3}ad\s{1,3}(?:user|sp|signed-in-user)\s{1,3}(?:list|show)\b",
            r"\bgcloud\s{1,3}iam\s{1,3}service-accounts\s{1,3}list\b",
            r"\bGet-(?:AzureADUser|MgUser|AzADUser|MsolUser|AzureADServicePrincipal)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-211",
        "Lists cloud groups, policies and role assignments",
        "T1069.003",
        4,
        (
            rf"{_AWS}iam\s{{1,3}}(?:list-groups(?:-for-user)?|list-attached-\w{{1,10}}-policies"
            r"|list-policies)\b",
            r"\baz\s{1,3}(?:ad\s{1,3}group\s{1,3}(?:list|member\s{1,3}list)|role\s{1,3}assignment"
            r"\s{1,3}list)\b",
            r"\bgcloud\s{1,3}(?:projects|organizations)\s{1,3}get-iam-policy\b",
            r"\bGet-(?:AzureADGroup(?:Member)?|MgGroup(?:Member)?|AzRoleAssignment|MsolGroup)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-215",
        "Runs a cloud attack or enumeration toolkit (Pacu, ScoutSuite, MicroBurst, ROADtools)",
        ("T1526", "T1087.004"),
        35,
        r"\b(?:pacu|scout(?:suite)?\s{1,3}(?:aws|azure|gcp)|Invoke-EnumerateAzure(?:Blobs|SubDomains)"
        r"|MicroBurst|roadrecon|roadtx|Stormspotter|PowerZure|Get-AzDomainInfo|cloudfox"
        r"|Invoke-AzureEnum|GraphRunner)\b",
        tags=TAGS,
    ),
    technique(
        "TUX-216",
        "Reads secrets from a cloud secret store",
        "T1555.006",
        25,
        (
            rf"{_AWS}secretsmanager\s{{1,3}}(?:get-secret-value|batch-get-secret-value)\b",
            near(rf"{_AWS}ssm\s{{1,3}}get-parameters?(?:-by-path)?\b", r"--with-decryption\b", 300),
            r"\baz\s{1,3}keyvault\s{1,3}secret\s{1,3}(?:show|download)\b",
            r"\bgcloud\s{1,3}secrets\s{1,3}versions\s{1,3}access\b",
            near(r"\bGet-AzKeyVaultSecret\b", r"-AsPlainText\b", 200),
            r"\bGet-Az(?:ure)?Passwords\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-217",
        "Runs a command on a cloud VM through the provider's agent",
        "T1651",
        20,
        (
            rf"{_AWS}ssm\s{{1,3}}(?:send-command|start-session)\b",
            r"\baz\s{1,3}vm\s{1,3}run-command\s{1,3}(?:invoke|create)\b|\bInvoke-AzVMRunCommand\b",
            near(r"\baz\s{1,3}vm\s{1,3}extension\s{1,3}set\b", r"\bCustomScript\b", 300),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-223",
        "Backdoors Entra ID federation or domain trust",
        "T1484.002",
        50,
        r"\b(?:New-AADIntBackdoor|ConvertTo-AADIntBackdoor|Set-AADIntDomainAuthentication"
        r"|New-MgDomainFederationConfiguration|Update-MgDomainFederationConfiguration)\b"
        r"|\bSet-MsolDomainAuthentication\b(?:(?!\bSet-MsolDomainAuthentication\b)[^\n]){0,200}?"
        r"\bFederated\b",
        tags=TAGS,
    ),
    technique(
        "TUX-224",
        "Forges SAML tokens or steals the federation signing certificate",
        "T1606.002",
        50,
        r"\b(?:Export-AADIntADFSSigningCertificate|New-AADIntSAMLToken|Open-AADIntOffice365Portal"
        r"|ADFSDump|ADFSpoof|Export-ADFSCertificate)\b",
        tags=TAGS,
    ),
    technique(
        "TUX-225",
        "Requests or prints cloud access tokens",
        "T1528",
        20,
        (
            r"\bGet-AADIntAccessToken\w{0,30}\b|\bTokenTactics\b|\bGet-AzureToken\b",
            r"\baz\s{1,3}account\s{1,3}get-access-token\b|\bgcloud\s{1,3}auth\s{1,3}print-access-token\b",
            r"\bGet-AzAccessToken\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-226",
        "Signs in to a cloud account with a password on the command line",
        "T1078.004",
        8,
        (
            near(r"\baz\s{1,3}login\b", r"\s(?:-p|--password)\s", 200),
            near(r"\baws\s{1,3}configure\s{1,3}set\b", r"\baws_secret_access_key\b", 60),
        ),
        tags=TAGS,
    ),
)
"""Cloud identities: accounts, keys, roles, secrets, federation and tokens."""
