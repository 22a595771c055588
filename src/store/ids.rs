//! The row ids ([`crate::ids`]) as SQLite values: the integers the tables hold.

use crate::ids::{InstitutionId, PersonId, QuestionnaireRow, SubmissionId};
use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

macro_rules! sql_row_id {
    ($($name:ident),*) => {$(
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }
    )*};
}

sql_row_id!(SubmissionId, PersonId, InstitutionId, QuestionnaireRow);
