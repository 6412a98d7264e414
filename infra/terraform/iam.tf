# IAM roles for service accounts: the app's pods read and write the lake, nothing else.
data "aws_iam_policy_document" "lake_access" {
  statement {
    sid       = "ListLake"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"]
    resources = [aws_s3_bucket.lake.arn]
  }
  statement {
    sid = "ReadWriteLake"
    actions = [
      "s3:GetObject", "s3:PutObject", "s3:DeleteObject",
      "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts",
    ]
    resources = ["${aws_s3_bucket.lake.arn}/*"]
  }
}

resource "aws_iam_policy" "lake_access" {
  name   = "${local.name}-lake-access"
  policy = data.aws_iam_policy_document.lake_access.json
}

module "app_irsa" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks"
  version = "~> 5.48"

  role_name = "${local.name}-app"
  role_policy_arns = {
    lake = aws_iam_policy.lake_access.arn
  }
  oidc_providers = {
    main = {
      provider_arn               = module.eks.oidc_provider_arn
      namespace_service_accounts = ["sluice:sluice", "sluice-dev:sluice", "airflow:sluice-batch"]
    }
  }
}
