"""Examples for the cloud `TUX-` rules; every text is synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

SH = Lang.BASH
PS = Lang.POWERSHELL
BAT = Lang.BATCH

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    ("TUX-200", SH, "aws ec2 run-instances --image-id ami-12345678 --instance-type t3.nano"),
    (
        "TUX-200",
        BAT,
        "aws ec2 create-launch-template --launch-template-name lt --version-description 1",
    ),
    ("TUX-201", SH, "aws ec2 create-snapshot --volume-id vol-0123 --description x"),
    ("TUX-202", SH, "aws ec2 terminate-instances --instance-ids i-0123"),
    (
        "TUX-203",
        SH,
        "aws ec2 modify-snapshot-attribute --snapshot-id snap-1 --attribute createVolumePermission"
        " --operation-type add --user-ids 111122223333",
    ),
    ("TUX-204", SH, "aws cloudtrail stop-logging --name management-trail"),
    ("TUX-204", SH, "az monitor diagnostic-settings delete --name audit --resource $id"),
    ("TUX-204", SH, "gcloud logging sinks delete audit-sink"),
    ("TUX-205", SH, "aws guardduty delete-detector --detector-id 12ab"),
    (
        "TUX-206",
        SH,
        "aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 22"
        " --cidr 0.0.0.0/0",
    ),
    ("TUX-207", SH, "aws iam create-user --user-name backup-svc"),
    ("TUX-207", PS, "New-AzureADUser -DisplayName x -PasswordProfile $p"),
    ("TUX-208", SH, "aws iam create-access-key --user-name backup-svc"),
    ("TUX-208", SH, "az ad sp credential reset --id $appid"),
    ("TUX-208", SH, "gcloud iam service-accounts keys create key.json --iam-account sa@p.iam"),
    (
        "TUX-209",
        SH,
        "aws iam attach-user-policy --user-name x --policy-arn"
        " arn:aws:iam::aws:policy/AdministratorAccess",
    ),
    ("TUX-209", SH, "az role assignment create --assignee $id --role Owner --scope $sub"),
    (
        "TUX-209",
        SH,
        "gcloud projects add-iam-policy-binding p1 --member user:a@example.org --role roles/owner",
    ),
    ("TUX-210", SH, "aws sts get-caller-identity\naws iam list-users"),
    ("TUX-210", PS, "Get-AzureADUser -All $true"),
    ("TUX-211", SH, "aws iam list-groups"),
    ("TUX-211", PS, "Get-AzRoleAssignment -SignInName a@example.org"),
    ("TUX-212", SH, "aws ec2 describe-instances --region us-east-1"),
    ("TUX-213", SH, "aws s3 ls s3://bucket-name"),
    ("TUX-214", SH, "az resource list --output table"),
    ("TUX-215", PS, "Invoke-EnumerateAzureBlobs -Base corp"),
    ("TUX-215", SH, "roadrecon gather"),
    ("TUX-216", SH, "aws secretsmanager get-secret-value --secret-id prod/db"),
    ("TUX-216", SH, "aws ssm get-parameters --names db --with-decryption"),
    ("TUX-217", SH, "aws ssm send-command --instance-ids i-1 --document-name AWS-RunShellScript"),
    (
        "TUX-217",
        SH,
        "az vm run-command invoke -g rg -n vm1 --command-id RunShellScript --scripts id",
    ),
    ("TUX-218", SH, "aws lambda create-function --function-name f --runtime python3.12"),
    ("TUX-219", SH, "aws s3 rm s3://bucket-name --recursive"),
    (
        "TUX-220",
        SH,
        "aws s3api put-bucket-lifecycle-configuration --bucket b --lifecycle-configuration"
        ' \'{"Rules":[{"Expiration":{"Days":1},"Status":"Enabled"}]}\'',
    ),
    ("TUX-221", SH, "aws s3 cp /tmp/loot.tgz s3://drop-bucket/"),
    ("TUX-221", BAT, "azcopy copy C:\\data https://acct.blob.core.windows.net/c --recursive"),
    ("TUX-222", SH, "aws organizations leave-organization"),
    ("TUX-223", PS, "ConvertTo-AADIntBackdoor -AccessToken $at -DomainName corp.example"),
    ("TUX-224", PS, "Export-AADIntADFSSigningCertificate"),
    ("TUX-225", SH, "az account get-access-token --resource https://graph.microsoft.com"),
    ("TUX-226", SH, "az login -u a@example.org -p $PASS"),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    (SH, "aws s3 ls\naws ec2 describe-instances\naws sts get-caller-identity\naws iam list-users"),
    (
        SH,
        "aws s3 sync ./site s3://www-bucket --delete\n"
        "az vm create -g rg -n web01 --image Ubuntu2204",
    ),
    (SH, "gcloud compute instances list\ngcloud logging sinks list\naz role assignment list"),
    (
        SH,
        "aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 443"
        " --cidr 10.0.0.0/8",
    ),
)
