"""Rules for ATT&CK techniques carried out with cloud command-line tools (aws, az, gcloud) and
the Azure and Microsoft Graph PowerShell modules.

Rule ids are `TUX-NNN` (200-239). Listing and creating resources is daily cloud work and
weighs little; switching off audit trails or guard services, granting owner roles, adding keys
and sharing snapshots with outside accounts weigh heavily. Gaps are bounded.
"""

from __future__ import annotations

from wingman.core.scripts.rules.platforms import near, technique

TAGS = frozenset({"technique", "cloud"})
_AWS = r"\baws\s{1,3}(?:--\w[\w-]{0,20}\s{1,3}\S{1,60}\s{1,3}){0,2}"
_OPEN_CIDR = r"(?:0\.0\.0\.0/0|::/0|\*|Internet|Any)"

RULES = (
    technique(
        "TUX-200",
        "Creates cloud compute instances or launch templates",
        "T1578.002",
        15,
        (
            rf"{_AWS}ec2\s{{1,3}}(?:run-instances|create-launch-template|create-fleet"
            r"|request-spot-instances)\b",
            r"\baz\s{1,3}vm\s{1,3}create\b|\bgcloud\s{1,3}compute\s{1,3}instances\s{1,3}create\b",
            r"\bNew-AzVM\b",
        ),
        all_of=(r"(?:\baws\s|\bgcloud\s|\baz vm\b|\bNew-AzVM\b)",),
        tags=TAGS,
    ),
    technique(
        "TUX-201",
        "Creates a snapshot of a cloud disk",
        "T1578.001",
        10,
        (
            rf"{_AWS}(?:ec2\s{{1,3}}create-snapshots?|rds\s{{1,3}}create-db-(?:cluster-)?snapshot)\b",
            r"\baz\s{1,3}snapshot\s{1,3}create\b|\bNew-AzSnapshot\b",
            r"\bgcloud\s{1,3}compute\s{1,3}(?:disks\s{1,3}snapshot|snapshots\s{1,3}create)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-202",
        "Deletes cloud instances, volumes or snapshots",
        "T1578.003",
        8,
        (
            rf"{_AWS}ec2\s{{1,3}}(?:terminate-instances|delete-snapshot|delete-volume)\b",
            r"\baz\s{1,3}(?:vm|disk|snapshot)\s{1,3}delete\b",
            r"\bgcloud\s{1,3}compute\s{1,3}(?:instances|disks|snapshots)\s{1,3}delete\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-203",
        "Shares a snapshot or image with another cloud account",
        "T1537",
        35,
        (
            near(
                rf"{_AWS}ec2\s{{1,3}}modify-(?:snapshot|image)-attribute\b",
                r"(?:createVolumePermission|launchPermission|--operation-type\s{1,3}add)\b",
                300,
            ),
            near(
                rf"{_AWS}rds\s{{1,3}}modify-db-(?:cluster-)?snapshot-attribute\b",
                r"--values-to-add\b",
                300,
            ),
            near(
                r"\baz\s{1,3}(?:disk|snapshot)\s{1,3}grant-access\b",
                r"--duration-in-seconds\b",
                300,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-204",
        "Stops or deletes cloud audit logging",
        "T1562.008",
        50,
        (
            rf"{_AWS}cloudtrail\s{{1,3}}(?:stop-logging|delete-trail)\b",
            near(
                rf"{_AWS}cloudtrail\s{{1,3}}update-trail\b",
                r"--no-(?:is-multi-region-trail|include"
                r"-global-service-events|enable-log-file-validation)\b",
                300,
            ),
            rf"{_AWS}config\s{{1,3}}(?:stop|delete)-configuration-recorder\b",
            rf"{_AWS}logs\s{{1,3}}delete-(?:log-group|log-stream)\b",
            r"\baz\s{1,3}monitor\s{1,3}(?:diagnostic-settings|log-profiles)\s{1,3}delete\b",
            r"\bRemove-AzDiagnosticSetting\b",
            r"\bgcloud\s{1,3}(?:beta\s{1,3})?logging\s{1,3}(?:sinks\s{1,3}delete|logs\s{1,3}delete)\b",
            near(
                r"\bgcloud\s{1,3}(?:beta\s{1,3})?logging\s{1,3}sinks\s{1,3}update\b",
                r"--disabled\b",
                200,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-205",
        "Switches off a cloud threat-detection service (GuardDuty, Security Hub)",
        "T1562.001",
        45,
        (
            rf"{_AWS}guardduty\s{{1,3}}(?:delete-detector|disassociate-from-(?:master|administrator)"
            r"-account|delete-members)\b",
            near(rf"{_AWS}guardduty\s{{1,3}}update-detector\b", r"--no-enable\b", 200),
            rf"{_AWS}(?:securityhub\s{{1,3}}disable-security-hub|macie2\s{{1,3}}disable-macie"
            r"|inspector2\s{1,3}disable)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-206",
        "Opens a cloud firewall to the whole internet",
        "T1562.007",
        25,
        (
            near(
                rf"{_AWS}ec2\s{{1,3}}authorize-security-group-ingress\b",
                rf"(?:--cidr\s{{1,3}}|CidrIp=){_OPEN_CIDR}",
                300,
            ),
            near(
                r"\baz\s{1,3}network\s{1,3}nsg\s{1,3}rule\s{1,3}(?:create|update)\b",
                rf"--source-address-prefixes?\s{{1,3}}[\"']?{_OPEN_CIDR}",
                300,
            ),
            near(
                r"\bgcloud\s{1,3}compute\s{1,3}firewall-rules\s{1,3}(?:create|update)\b",
                r"--source-ranges[= ][\"']?0\.0\.0\.0/0",
                300,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-212",
        "Lists cloud compute and network resources",
        "T1580",
        3,
        (
            rf"{_AWS}(?:ec2\s{{1,3}}describe-(?:instances|images|snapshots|volumes|security-groups"
            r"|vpcs|subnets)|rds\s{1,3}describe-db-instances)\b",
            r"\baz\s{1,3}vm\s{1,3}list\b|\bgcloud\s{1,3}compute\s{1,3}instances\s{1,3}list\b",
            r"\bGet-AzVM\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-213",
        "Lists cloud storage buckets and objects",
        "T1619",
        3,
        (
            rf"{_AWS}s3\s{{1,3}}ls\b|{_AWS}s3api\s{{1,3}}(?:list-buckets|list-objects(?:-v2)?"
            r"|get-bucket-acl|get-bucket-policy)\b",
            r"\baz\s{1,3}storage\s{1,3}(?:blob|container|account)\s{1,3}list\b",
            r"\bgsutil\s{1,3}ls\b|\bgcloud\s{1,3}storage\s{1,3}ls\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-214",
        "Lists cloud services and resources",
        "T1526",
        3,
        (
            r"\baz\s{1,3}resource\s{1,3}list\b|\bGet-AzResource\b",
            rf"{_AWS}(?:organizations\s{{1,3}}describe-organization|resourcegroupstaggingapi"
            r"\s{1,3}get-resources|ec2\s{1,3}describe-regions)\b",
            r"\bgcloud\s{1,3}services\s{1,3}list\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-218",
        "Deploys or invokes serverless functions",
        "T1648",
        8,
        (
            rf"{_AWS}lambda\s{{1,3}}(?:create-function|update-function-code|add-permission)\b",
            r"\baz\s{1,3}functionapp\s{1,3}(?:create|deployment)\b",
            r"\bgcloud\s{1,3}functions\s{1,3}deploy\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-219",
        "Deletes cloud storage buckets or their contents",
        "T1485",
        20,
        (
            near(rf"{_AWS}s3\s{{1,3}}rm\b", r"--recursive\b", 200),
            rf"{_AWS}s3api\s{{1,3}}delete-bucket\b|{_AWS}s3\s{{1,3}}rb\b",
            r"\baz\s{1,3}storage\s{1,3}(?:account|container)\s{1,3}delete\b",
            r"\bgsutil\s{1,3}(?:-m\s{1,3})?rm\s{1,3}-r\b|\bgcloud\s{1,3}storage\s{1,3}rm\s{1,3}-r\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-220",
        "Sets a bucket lifecycle rule that expires objects",
        "T1485.001",
        35,
        near(
            rf"{_AWS}s3api\s{{1,3}}put-bucket-lifecycle(?:-configuration)?\b",
            r"\bExpiration\b",
            400,
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-221",
        "Copies local files to cloud storage",
        "T1567.002",
        4,
        (
            rf"{_AWS}s3\s{{1,3}}(?:cp|sync|mv)\s{{1,3}}(?!s3://)\S{{1,200}}\s{{1,3}}s3://",
            r"\bazcopy(?:\.exe)?\s{1,3}(?:copy|sync)\b|\baz\s{1,3}storage\s{1,3}blob\s{1,3}upload\b",
            r"\bgsutil\s{1,3}(?:-m\s{1,3})?cp\s{1,3}(?:-r\s{1,3})?(?!gs://)\S{1,200}\s{1,3}gs://",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-222",
        "Moves an account out of its cloud organization or management group",
        "T1666",
        25,
        (
            rf"{_AWS}organizations\s{{1,3}}(?:leave-organization|move-account|remove-account-from"
            r"-organization)\b",
            r"\baz\s{1,3}account\s{1,3}management-group\s{1,3}subscription\s{1,3}(?:add|remove)\b",
        ),
        tags=TAGS,
    ),
)
"""Cloud control planes: compute, logging, storage and organizations."""
